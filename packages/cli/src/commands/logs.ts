import { describeError } from '../client.ts';
import { formatEvent, toTicketEvent } from '../event-line.ts';
import { readTicketStream } from '../event-stream.ts';
import { type Command, requireArg } from './context.ts';

/**
 * `logs REF [--follow]`: the ticket's stored events from the start (`lastEventId=0`), then, with --follow, live ones
 * until Ctrl-C, reconnecting after a drop from the last event id. `--json` prints one `{id, type, data}` per line.
 * Streaming log fragments (events without an id) are not part of the stored log and are left out.
 */
export const logs: Command = async (ctx) => {
  const ticketId = requireArg(ctx, 0, 'ticket reference');
  const follow = ctx.flags.follow === true;
  const notice = (message: string) => ctx.out.info(message);
  const printed = { count: 0 };
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await readTicketStream(ctx.server, ticketId, {
      follow,
      signal: controller.signal,
      lastEventId: '0',
      onFrame(frame) {
        if (follow && frame.event === 'connected')
          notice(`Following ${ticketId} at ${ctx.server.url} (Ctrl-C to stop)`);
        const event = toTicketEvent(frame);
        if (!event || event.id === null) return;
        const line = ctx.out.json ? JSON.stringify(event) : formatEvent(event);
        if (!line) return;
        ctx.out.line(line);
        printed.count += 1;
      },
      onReconnect(lastEventId, cause) {
        notice(`Stream lost (${describeError(cause, ctx.server.url)}); reconnecting after event ${lastEventId}…`);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (printed.count === 0 && !follow) ctx.out.info(`No stored events for ${ticketId}.`);
  return 0;
};
