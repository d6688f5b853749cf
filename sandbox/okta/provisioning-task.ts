import type { AppRecord } from './okta-store';
import { type ScimClient, ScimTransportError, type ScimResponse } from './scim-client';

/** What the engine's user tasks and group tasks share: failing a task with a reason, calling the connector. */

/** Raised inside a task to fail it with a reason for the log and the app user. */
export class TaskFailure extends Error {}

export async function call(client: ScimClient, method: string, path: string, body?: unknown): Promise<ScimResponse> {
  try {
    return await client.request(method, path, body);
  } catch (err) {
    if (err instanceof ScimTransportError) {
      throw new TaskFailure(`Could not connect to the SCIM connector at ${client.url('')}: ${err.message}`);
    }
    throw err;
  }
}

export function idOf(res: ScimResponse): string | undefined {
  const id = (res.body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : undefined;
}

export function reasonOf(err: unknown, app: AppRecord, subject: string): string {
  if (err instanceof TaskFailure) return err.message;
  return `Provisioning of ${subject} to app ${app.label} failed: ${(err as Error).message}`;
}
