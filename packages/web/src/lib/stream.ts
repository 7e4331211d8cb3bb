/** A parsed stream event as the web app consumes it. */
export interface StreamMessage {
  id: number | null;
  type: string;
  data: Record<string, unknown>;
}

const EVENT_TYPES = ['state_change', 'log', 'progress', 'error', 'bead_complete', 'needs_input', 'artifact_change'];
const storageKey = (scope: string) => `looptroop:lastEventId:${scope}`;

export interface StreamHandle {
  close(): void;
}

/**
 * Subscribe to `/api/stream` (one ticket, or every ticket with `all`). The last event id is kept in localStorage and
 * sent as `lastEventId` after a reload so the server replays what was missed; after any reconnect `onResync` runs,
 * because replay is an optimization and the queries must be refetched (api-reference.txt).
 */
export function openStream(
  scope: { ticketId: string } | { all: true },
  handlers: {
    onEvent: (message: StreamMessage) => void;
    onResync: () => void;
    onStatus?: (s: 'connecting' | 'connected' | 'reconnecting') => void;
  },
  /** Replay stored events after this id instead of the remembered one (0 = the whole history). */
  from?: number,
): StreamHandle {
  const name = 'ticketId' in scope ? scope.ticketId : '*';
  const last = from !== undefined ? String(from) : localStorage.getItem(storageKey(name));
  const query = 'ticketId' in scope ? `ticketId=${encodeURIComponent(scope.ticketId)}` : 'all=true';
  const source = new EventSource(`/api/stream?${query}${last ? `&lastEventId=${last}` : ''}`);
  let opened = false;
  handlers.onStatus?.('connecting');
  source.addEventListener('connected', () => {
    handlers.onStatus?.('connected');
    if (opened || (last && from === undefined)) handlers.onResync();
    opened = true;
  });
  source.onerror = () => handlers.onStatus?.('reconnecting');
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (event) => {
      const message = event as MessageEvent<string>;
      const id = message.lastEventId ? Number(message.lastEventId) : null;
      if (id !== null) localStorage.setItem(storageKey(name), String(id));
      handlers.onEvent({ id, type, data: JSON.parse(message.data) as Record<string, unknown> });
    });
  }
  return { close: () => source.close() };
}
