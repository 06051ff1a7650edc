/** The push side of the contract: services emit, transports (Electron IPC, preview WS) deliver. */
import type { EventName, EventPayloads } from '../../shared/contract.js';

export type EventSink = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

/** A fan-out sink: transports subscribe, services emit without knowing who listens. */
export class EventBus {
  private readonly listeners = new Set<EventSink>();

  /** onError hears about a listener that threw (logged by the core); the other listeners still run. */
  constructor(private readonly onError: (error: unknown, event: EventName) => void = () => undefined) {}

  /** Delivers an event to every subscribed transport; one that throws never starves the others or the emitter. */
  readonly emit: EventSink = (name, payload) => {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (e) {
        this.onError(e, name);
      }
    }
  };

  /** Subscribes a transport; returns the unsubscribe function. */
  subscribe(listener: EventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
