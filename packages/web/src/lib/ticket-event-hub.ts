import { createContext, onCleanup, useContext } from 'solid-js';
import type { StreamMessage } from './stream.ts';

/**
 * The ticket page's stream, shared with the panels that follow background work (Fix gaps with AI). It keeps the
 * latest events, because a panel that mounts after the page's replay still needs them: a fix that failed while the
 * page was closed is only told by its `error` event.
 */
export interface TicketEventHub {
  publish(message: StreamMessage): void;
  subscribe(listener: (message: StreamMessage) => void): () => void;
  /** The latest events, oldest first. */
  recent(): readonly StreamMessage[];
}

export function createTicketEventHub(limit = 500): TicketEventHub {
  const listeners = new Set<(message: StreamMessage) => void>();
  const buffer: StreamMessage[] = [];
  return {
    publish(message) {
      buffer.push(message);
      if (buffer.length > limit) buffer.splice(0, buffer.length - limit);
      for (const listener of [...listeners]) listener(message);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recent: () => [...buffer],
  };
}

export const TicketEventsContext = createContext<TicketEventHub>();

/** Follow the ticket's events for as long as the calling component lives (nothing outside a ticket page). */
export function onTicketEvent(listener: (message: StreamMessage) => void): TicketEventHub | undefined {
  const hub = useContext(TicketEventsContext);
  if (hub) onCleanup(hub.subscribe(listener));
  return hub;
}
