import { eventChannels, type EventChannel, type EventPayload } from '../../shared/ipc-contract';

export type EventSink = (event: EventChannel, payload: unknown) => void;

/**
 * main -> renderer events. Services emit here; each transport (Electron window, WebSocket
 * clients) subscribes a sink. Payloads are checked against the contract before they leave.
 */
export class EventBus {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    const checked = eventChannels[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }
}
