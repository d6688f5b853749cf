import type { AppErrorShape, Envelope, ErrorCode } from './errors';
import {
  invokeChannels,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type RequestOf,
  type ResultOf,
} from './ipc-contract';

/**
 * How calls physically travel: Electron IPC in the desktop app, a loopback WebSocket in the
 * browser host. window.api is the same object on both, so the renderer cannot tell them apart.
 */
export interface Transport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (event: EventChannel, payload: unknown) => void): () => void;
}

/** The error a window.api call rejects with. Carries no stack from main and no secret. */
export class IpcError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryable: boolean | undefined;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'IpcError';
    this.code = shape.code;
    this.hint = shape.hint;
    this.retryable = shape.retryable;
  }
}

type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `${D}:${infer V}` ? V : never;
type Domain = DomainOf<InvokeChannel>;

export type Api = {
  [D in Domain]: {
    [V in VerbOf<InvokeChannel, D>]: `${D}:${V}` extends infer C extends InvokeChannel
      ? (request: RequestOf<C>) => Promise<ResultOf<C>>
      : never;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    const [domain, verb] = channel.split(':') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = async (request: unknown) => {
      const envelope = await transport.invoke(channel, request ?? {});
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error);
    };
  }
  const on = <E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    });
  return Object.freeze({ ...api, on }) as unknown as Api;
}
