import type { StreamEvent, TicketEventType } from '@looptroop/core';

/** A ticket event as the web app receives it from `/api/stream` (core's `StreamEvent` union). */
export type StreamMessage = StreamEvent;
export type StreamStatus = 'connecting' | 'connected' | 'reconnecting';

// `satisfies` keeps this list in step with core's union: a new event type fails the type check here.
const EVENT_TYPES = Object.keys({
  state_change: true,
  log: true,
  progress: true,
  error: true,
  bead_complete: true,
  needs_input: true,
  artifact_change: true,
} satisfies Record<TicketEventType, true>) as TicketEventType[]; // the keys of the literal above
const RETRY_MAX_MS = 30_000;

const storageKey = (scope: string) => `looptroop:lastEventId:${scope}`;

/** The last event id seen for a stream scope, kept in localStorage so it survives reloads. */
export function storedLastEventId(scope: string): number | null {
  const raw = localStorage.getItem(storageKey(scope));
  const id = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(id) ? id : null;
}

/** One SSE frame → a typed event, or null when the frame is not one of ours. */
export function parseFrame(type: TicketEventType, lastEventId: string, raw: string): StreamMessage | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || !('ticketId' in data) || typeof data.ticketId !== 'string') {
    return null;
  }
  const id = lastEventId === '' ? null : Number(lastEventId);
  // The api writes core's schema-validated payloads (events/schema.ts); the web trusts them after the shape check.
  return { id: Number.isInteger(id) ? id : null, type, data } as StreamMessage;
}

export interface StreamHandle {
  close(): void;
}

export interface StreamHandlers {
  onEvent: (message: StreamMessage) => void;
  /** Runs after every reconnect: replay is an optimization, the queries must be refetched (api-reference.txt). */
  onResync: () => void;
  onStatus?: (status: StreamStatus) => void;
}

/**
 * Subscribe to `/api/stream` for one ticket, or for every ticket with `all` (the board). Each event id is stored per
 * scope; a reconnect resumes after it (the browser sends `Last-Event-ID` itself on a native retry, and when the
 * browser gives up, e.g. on a 429, we open a new source with `lastEventId` after a backoff).
 *
 * `from` picks the first resume point: a number replays stored events after that id (the ticket view passes 0 to fill
 * its log from durable storage), `'stored'` resumes after the remembered id, `'live'` skips replay (the board,
 * whose list query is the baseline). Except after a replay from a given id, the first connect also resyncs.
 */
export function openStream(
  scope: { ticketId: string } | { all: true },
  handlers: StreamHandlers,
  from: number | 'stored' | 'live' = 'stored',
): StreamHandle {
  const name = 'ticketId' in scope ? scope.ticketId : '*';
  const query = 'ticketId' in scope ? `ticketId=${encodeURIComponent(scope.ticketId)}` : 'all=true';
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let hasConnected = false;
  let isClosed = false;

  const connect = (resumeFrom: number | null, resyncOnConnect: boolean) => {
    const url = `/api/stream?${query}${resumeFrom === null ? '' : `&lastEventId=${resumeFrom}`}`;
    const current = new EventSource(url);
    source = current;
    current.addEventListener('connected', () => {
      failures = 0;
      handlers.onStatus?.('connected');
      if (hasConnected || resyncOnConnect) handlers.onResync();
      hasConnected = true;
    });
    current.onerror = (event) => {
      // A ticket `error` event is an SSE event named "error": the browser hands it to `onerror` too. Only a
      // connection failure (a plain Event, not a MessageEvent) means the stream is reconnecting.
      if (event instanceof MessageEvent) return;
      handlers.onStatus?.('reconnecting');
      if (current.readyState !== EventSource.CLOSED || isClosed) return;
      failures += 1;
      retryTimer = setTimeout(
        () => connect(storedLastEventId(name), true),
        Math.min(RETRY_MAX_MS, 1000 * 2 ** failures),
      );
    };
    for (const type of EVENT_TYPES) {
      current.addEventListener(type, (event: MessageEvent<string>) => {
        const message = parseFrame(type, event.lastEventId, event.data);
        if (!message) return;
        if (message.id !== null) localStorage.setItem(storageKey(name), String(message.id));
        handlers.onEvent(message);
      });
    }
  };

  handlers.onStatus?.('connecting');
  // Subscribe first, then refetch: whatever changed between the caller's first fetch and this connection is picked
  // up by the resync. A replay from a given id already carries it.
  if (from === 'live') connect(null, true);
  else if (from === 'stored') connect(storedLastEventId(name), true);
  else connect(from, false);

  return {
    close() {
      isClosed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
