import type { StreamEvent, TicketEventType } from '@looptroop/core';
import type { SseFrame } from './sse-parser.ts';

// Typed against core's union, so a new event type fails the typecheck here until the CLI knows how to print it.
const TICKET_EVENT_TYPES: Record<TicketEventType, true> = {
  state_change: true,
  log: true,
  progress: true,
  error: true,
  bead_complete: true,
  needs_input: true,
  artifact_change: true,
};

function isTicketEventType(event: string): event is TicketEventType {
  return Object.hasOwn(TICKET_EVENT_TYPES, event);
}

/** A persisted ticket event from a stream frame; null for `connected`, `heartbeat` and unknown event types. */
export function toTicketEvent(frame: SseFrame): StreamEvent | null {
  if (!isTicketEventType(frame.event)) return null;
  const data: unknown = JSON.parse(frame.data);
  // The server writes every frame from a validated StreamEvent (packages/api/src/stream.ts): trusted after the parse.
  return { id: frame.id === null ? null : Number(frame.id), type: frame.event, data } as StreamEvent;
}

/** One human line per event (`12:04:05 [STATE] DRAFT → CANCELED`); null for streaming log fragments. */
export function formatEvent(event: StreamEvent): string | null {
  const time = event.data.timestamp.slice(11, 19);
  switch (event.type) {
    case 'state_change':
      return `${time} [STATE] ${event.data.from ?? '∅'} → ${event.data.to}`;
    case 'log':
      return event.data.streaming ? null : `${time} [${event.data.kind.toUpperCase()}] ${event.data.message}`;
    case 'progress': {
      const { phase, current, total, message } = event.data;
      // §10.6: in CODING `current` is the bead in progress (CONTRACTS 6), so the line reads as bead progress.
      if (phase === 'CODING') return `${time} [BEADS] bead ${current}/${total}${message ? ` · ${message}` : ''}`;
      return `${time} [PROGRESS] ${phase} ${current}/${total}${message ? ` ${message}` : ''}`;
    }
    case 'error':
      return `${time} [ERROR] ${event.data.message}${event.data.codes.length ? ` (${event.data.codes.join(', ')})` : ''}`;
    case 'bead_complete':
      return `${time} [BEAD] ✓ ${event.data.beadId} ${event.data.title} (${event.data.completed}/${event.data.total} done)`;
    case 'needs_input':
      return `${time} [INPUT] ${event.data.type}`;
    case 'artifact_change':
      return `${time} [ARTIFACT] ${event.data.artifactType}`;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
