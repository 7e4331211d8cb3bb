/** One Server-Sent Events frame. `id` is null for frames without an `id:` line (connected, heartbeat). */
export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML §9.2.6): feed it decoded chunks in any split, it calls
 * `onFrame` once per complete frame. Handles `\n`, `\r\n` and `\r` line ends, `field:value` with or without the
 * space, multi-line `data`, and `:` comment lines.
 */
export function createSseParser(onFrame: (frame: SseFrame) => void): { push(chunk: string): void } {
  const state: { buffer: string; id: string | null; event: string; data: string[] } = {
    buffer: '',
    id: null,
    event: '',
    data: [],
  };

  const dispatch = () => {
    if (state.data.length > 0) onFrame({ id: state.id, event: state.event || 'message', data: state.data.join('\n') });
    state.id = null;
    state.event = '';
    state.data = [];
  };

  const readLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const raw = colon < 0 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'id') state.id = value;
    else if (field === 'event') state.event = value;
    else if (field === 'data') state.data.push(value);
  };

  return {
    push(chunk) {
      const text = state.buffer + chunk;
      // A trailing '\r' may be the first half of '\r\n': hold it, with the line it ends, until the next chunk.
      const held = text.endsWith('\r') ? '\r' : '';
      const lines = text.slice(0, text.length - held.length).split(/\r\n|\r|\n/);
      state.buffer = `${lines.pop() ?? ''}${held}`;
      for (const line of lines) readLine(line);
    },
  };
}
