export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Read `/api/stream` frames, reconnecting after drops with the last event id (the server replays what was missed).
 * Stops when `signal` aborts or, with `follow: false`, when the replay is over (the first heartbeat or 1 s of quiet).
 */
export async function readStream(
  url: string,
  ticketId: string,
  options: { follow: boolean; signal: AbortSignal; onFrame: (frame: SseFrame) => void; lastEventId?: string },
): Promise<void> {
  let lastId = options.lastEventId ?? '0';
  while (!options.signal.aborted) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal.addEventListener('abort', stop, { once: true });
    let quiet: NodeJS.Timeout | undefined;
    const armQuiet = () => {
      if (options.follow) return;
      clearTimeout(quiet);
      quiet = setTimeout(stop, 1000);
    };
    try {
      const res = await fetch(`${url}/api/stream?ticketId=${encodeURIComponent(ticketId)}&lastEventId=${lastId}`, {
        headers: { accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `stream answered ${res.status}`);
      }
      armQuiet();
      let buffer = '';
      const decoder = new TextDecoder();
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const frame: SseFrame = { id: null, event: 'message', data: '' };
          for (const line of block.split('\n')) {
            const colon = line.indexOf(': ');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 2);
            if (field === 'id') frame.id = value;
            else if (field === 'event') frame.event = value;
            else if (field === 'data') frame.data += value;
          }
          if (frame.id) lastId = frame.id;
          if (!options.follow && frame.event === 'heartbeat') stop();
          options.onFrame(frame);
          armQuiet();
          split = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        if (!options.follow || options.signal.aborted) return;
      } else if (!options.follow) {
        throw error;
      }
    } finally {
      clearTimeout(quiet);
      options.signal.removeEventListener('abort', stop);
    }
    if (!options.follow) return;
    await new Promise((r) => setTimeout(r, 1000)); // reconnect after a drop
  }
}
