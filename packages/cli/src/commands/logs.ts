import { type CommandContext, requireArg } from './context.ts';
import { readStream, type SseFrame } from './sse.ts';

function render(frame: SseFrame): string | null {
  const data = JSON.parse(frame.data) as Record<string, unknown>; // the server's JSON payload
  const time = typeof data.timestamp === 'string' ? data.timestamp.slice(11, 19) : '';
  switch (frame.event) {
    case 'state_change':
      return `${time} [STATE] ${data.from ?? '∅'} → ${data.to}`;
    case 'log':
      return data.streaming ? null : `${time} [${String(data.kind).toUpperCase()}] ${data.message}`;
    case 'error':
      return `${time} [ERROR] ${data.message} (${(data.codes as string[] | undefined)?.join(', ') ?? ''})`;
    case 'needs_input':
      return `${time} [INPUT] ${data.type}`;
    case 'progress':
      return `${time} [PROGRESS] ${data.current}/${data.total}`;
    case 'bead_complete':
      return `${time} [BEAD] ${data.beadId} ${data.completed}/${data.total}`;
    case 'artifact_change':
      return `${time} [ARTIFACT] ${data.artifactType}`;
    default:
      return null;
  }
}

/** `logs REF [--follow]`: the ticket's stored events, then (with --follow) live ones, reconnecting on drops. */
export async function logs(ctx: CommandContext): Promise<number> {
  const ticketId = requireArg(ctx, 0, 'ticket reference');
  const follow = ctx.flags.follow === true;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await readStream(ctx.url, ticketId, {
    follow,
    signal: controller.signal,
    onFrame: (frame) => {
      if (frame.event === 'connected' || frame.event === 'heartbeat') return;
      if (ctx.out.json) {
        process.stdout.write(`${JSON.stringify({ id: frame.id, event: frame.event, data: JSON.parse(frame.data) })}\n`);
        return;
      }
      const line = render(frame);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  return 0;
}
