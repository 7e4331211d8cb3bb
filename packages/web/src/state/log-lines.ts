import type { StreamMessage } from '../lib/stream.ts';

export interface LogLine {
  /** Stable per entry: a streaming log upsert shares its `entryId` and replaces the line it updates. */
  key: string;
  time: string;
  tag: string;
  text: string;
}

const MAX_LINES = 300;

/** Turn a stream event into one log-panel line, or null for events the panel does not show. */
export function toLogLine(message: StreamMessage): LogLine | null {
  const time = message.data.timestamp.slice(11, 19);
  switch (message.type) {
    case 'state_change':
      return { key: `s${message.id}`, time, tag: 'STATE', text: `${message.data.from ?? '∅'} → ${message.data.to}` };
    case 'log':
      return {
        key: message.data.entryId ?? `l${message.id}`,
        time,
        tag: message.data.kind.toUpperCase(),
        text: message.data.message,
      };
    case 'error':
      return { key: `e${message.id}`, time, tag: 'ERROR', text: message.data.message };
    case 'needs_input':
      return { key: `n${message.id}`, time, tag: 'INPUT', text: message.data.type };
    case 'bead_complete':
      return {
        key: `b${message.id}`,
        time,
        tag: 'BEAD',
        text: `${message.data.title} (${message.data.completed}/${message.data.total})`,
      };
    case 'progress':
    case 'artifact_change':
      return null;
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}

/** Append a line, replacing an earlier one with the same key, and keep the newest MAX_LINES. */
export function appendLogLine(lines: readonly LogLine[], line: LogLine): LogLine[] {
  return [...lines.filter((l) => l.key !== line.key), line].slice(-MAX_LINES);
}
