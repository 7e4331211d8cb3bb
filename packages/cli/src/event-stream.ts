import { fetchServer, type ServerAddress, ServerError, serverError } from './client.ts';
import { createSseParser, type SseFrame } from './sse-parser.ts';

export interface TicketStreamOptions {
  /** Keep reading live events, reconnecting after drops; without it, stop once the stored events are replayed. */
  follow: boolean;
  signal: AbortSignal;
  onFrame(frame: SseFrame): void;
  /** A followed stream dropped; it reopens after `retryMs` from `lastEventId`, so nothing is missed or repeated. */
  onReconnect?(lastEventId: string, cause: unknown): void;
  /** Replay starts after this id; '0' replays everything stored. */
  lastEventId?: string;
  /**
   * Without follow: the replay is over after this long without an event. The server sends `connected`, reads the
   * stored events and writes them in one burst, but marks no end, so a quiet gap is the only signal.
   */
  replayQuietMs?: number;
  retryMs?: number;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Worth reconnecting: the network dropped or the server was briefly busy; not a 4xx such as an unknown ticket. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ServerError) || error.status === 429 || error.status >= 500;
}

/**
 * Read `GET /api/stream?ticketId=…&lastEventId=…`. Each frame's `id:` is remembered, so a reconnect resumes right
 * after the last event seen (the server replays from durable storage, api-reference.txt "SSE Events"). A failure of
 * the first connection is thrown: an unreachable server or an unknown ticket is an answer, not a drop.
 */
export async function readTicketStream(
  server: ServerAddress,
  ticketId: string,
  options: TicketStreamOptions,
): Promise<void> {
  const { follow, signal } = options;
  const quietMs = options.replayQuietMs ?? 1000;
  let lastEventId = options.lastEventId ?? '0';
  let hasConnected = false;
  while (!signal.aborted) {
    const attempt = new AbortController();
    const endAttempt = () => attempt.abort();
    signal.addEventListener('abort', endAttempt, { once: true });
    let quietTimer: NodeJS.Timeout | undefined;
    const armQuiet = () => {
      clearTimeout(quietTimer);
      if (!follow) quietTimer = setTimeout(endAttempt, quietMs);
    };
    let dropCause: unknown = new Error('the server closed the stream');
    try {
      const query = `ticketId=${encodeURIComponent(ticketId)}&lastEventId=${encodeURIComponent(lastEventId)}`;
      const res = await fetchServer(server, `/api/stream?${query}`, {
        headers: { accept: 'text/event-stream' },
        signal: attempt.signal,
      });
      if (!res.ok || !res.body) throw await serverError(res, 'the event stream');
      hasConnected = true;
      armQuiet();
      const parser = createSseParser((frame) => {
        if (frame.id !== null) lastEventId = frame.id;
        options.onFrame(frame);
        // Heartbeats tick from the moment the stream opens, so they say nothing about the replay being over.
        if (frame.event !== 'heartbeat') armQuiet();
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.push(chunk.value);
      if (!follow) return;
    } catch (error) {
      if (signal.aborted || (!follow && attempt.signal.aborted)) return;
      if (!follow || !hasConnected || !isTransient(error)) throw error;
      dropCause = error;
    } finally {
      clearTimeout(quietTimer);
      signal.removeEventListener('abort', endAttempt);
    }
    options.onReconnect?.(lastEventId, dropCause);
    await pause(options.retryMs ?? 1000, signal);
  }
}
