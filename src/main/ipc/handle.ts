import { type z } from 'zod';
import { AppError, type AppErrorShape, type Envelope } from '../../shared/errors';
import {
  callTimeouts,
  DEFAULT_CALL_TIMEOUT_MS,
  invokeChannels,
  type InvokeChannel,
  type InvokeChannels,
  type ResultOf,
} from '../../shared/ipc-contract';
import { runWithCallSignal } from '../services/net/call-scope';
import type { Logger } from '../services/log/logger';

export type Handler<C extends InvokeChannel> = (
  request: z.output<InvokeChannels[C]['request']>,
) => Promise<ResultOf<C>> | ResultOf<C>;
export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** Who is calling, as established by the transport (Electron sender frame, or the WebSocket token). */
export interface CallerInfo {
  trusted: boolean;
  description: string;
}

export type Dispatch = (channel: string, payload: unknown, caller: CallerInfo) => Promise<Envelope<unknown>>;

/**
 * The one typed handle(): trusted-sender check, request validation, timeout and result envelope.
 * Every transport calls this, so the rules hold the same on Electron IPC and on the browser host.
 */
export function createDispatch(handlers: Handlers, logger: Logger, options: { timeoutMs?: (channel: InvokeChannel) => number | undefined } = {}): Dispatch {
  return async (channel, payload, caller) => {
    if (!caller.trusted) {
      logger.warn('ipc', `refused ${channel} from untrusted sender ${caller.description}`);
      return fail({ code: 'UNTRUSTED_SENDER', message: 'This window is not allowed to call the console.' });
    }
    if (!Object.hasOwn(invokeChannels, channel)) {
      return fail({ code: 'VALIDATION', message: `Unknown call "${channel}".` });
    }
    const name = channel as InvokeChannel;
    const parsed = invokeChannels[name].request.safeParse(payload);
    if (!parsed.success) {
      return fail({ code: 'VALIDATION', message: describeIssues(parsed.error), hint: 'Check the highlighted fields.' });
    }
    const started = Date.now();
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown> | unknown;
      // A timed-out call aborts its requests: nothing goes on retrying after the caller gave up.
      const controller = new AbortController();
      const work = runWithCallSignal(controller.signal, () => Promise.resolve(handler(parsed.data)));
      const limit = options.timeoutMs?.(name) ?? callTimeouts[name] ?? DEFAULT_CALL_TIMEOUT_MS;
      const value = await withTimeout(work, limit, name).catch((error: unknown) => {
        controller.abort();
        throw error;
      });
      // Results are validated too: they carry data read from files and remote answers, and the
      // schema is what the renderer was promised (e.g. summaries, not whole profiles, in a list).
      const result = invokeChannels[name].result.safeParse(value);
      if (!result.success) {
        logger.error('ipc', `${name} returned a result outside its contract: ${describeIssues(result.error)}`);
        return fail(toErrorShape(new Error('result outside the contract')));
      }
      logger.debug('ipc', `${name} ok in ${Date.now() - started} ms`);
      return { ok: true, value: result.data };
    } catch (error) {
      const shape = toErrorShape(error);
      const level = shape.code === 'INTERNAL' ? 'error' : 'info';
      logger[level]('ipc', `${name} failed: ${shape.code} ${shape.message}`, shape.code === 'INTERNAL' ? error : undefined);
      return fail(shape);
    }
  };
}

function fail(error: AppErrorShape): Envelope<never> {
  return { ok: false, error };
}

/** Raw errors become a generic INTERNAL message: their text may hold paths, stacks or secrets. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside the console. The details are in the log file.',
    hint: 'Try again; if it keeps happening, export the log from the profile screen.',
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('TIMEOUT', `"${name}" took longer than ${Math.round(ms / 1000)} s.`, { retryable: true })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
