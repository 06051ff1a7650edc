/** The push side of the contract: services emit, transports (Electron IPC, preview WS) deliver. */
import type { EventName, EventPayloads } from '../../shared/contract.js';

export type EventSink = <E extends EventName>(name: E, payload: EventPayloads[E]) => void;

/** A fan-out sink: transports subscribe, services emit without knowing who listens. */
export class EventBus {
  private readonly listeners = new Set<EventSink>();

  /** Delivers an event to every subscribed transport. */
  readonly emit: EventSink = (name, payload) => {
    for (const l of this.listeners) l(name, payload);
  };

  /** Subscribes a transport; returns the unsubscribe function. */
  subscribe(listener: EventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
