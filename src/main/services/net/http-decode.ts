import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

/** An answer as it came off the wire, after redirects. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  url: URL;
}

/** The body as the caller asked for it: text, or JSON checked against the schema. */
export function decode(raw: RawResponse, accept: string, schema: z.ZodType | undefined, service: string, method: string): unknown {
  const text = raw.body.toString('utf8');
  if (!/json/i.test(accept)) {
    if (schema) return validate(text, schema, service, method, raw.url);
    return text;
  }
  if (raw.status === 204 || text.trim() === '') {
    if (schema) return validate(undefined, schema, service, method, raw.url);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const type = raw.headers['content-type']?.split(';')[0] ?? 'unknown type';
    throw new AppError('BAD_RESPONSE', `${service} answered ${method} ${raw.url.pathname} with something that is not JSON (${type}).`, {
      hint: 'A proxy or captive portal may be answering instead of the service; retry, or check the address.',
      retryable: true,
    });
  }
  return schema ? validate(json, schema, service, method, raw.url) : json;
}

function validate(value: unknown, schema: z.ZodType, service: string, method: string, url: URL): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badShape(service, method, url, parsed.error);
}

export function badShape(service: string, method: string, url: URL, error: z.ZodError, where?: string): AppError {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const field = path ? `field "${path}"` : 'the answer';
  const prefix = where ? `${where}, ` : '';
  return new AppError(
    'BAD_RESPONSE',
    `${service} sent an unexpected answer to ${method} ${url.pathname}: ${prefix}${field}: ${issue?.message ?? 'invalid'}.`,
    { hint: 'The service may have changed its API; report this with the log file.' },
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
