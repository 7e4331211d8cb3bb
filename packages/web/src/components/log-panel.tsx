import { For } from 'solid-js';
import type { StreamMessage } from '../lib/stream.ts';

export interface LogLine {
  key: string;
  time: string;
  tag: string;
  text: string;
}

/** Turn a stream event into one log line (streaming model text replaces its previous line). */
export function toLogLine(message: StreamMessage): LogLine | null {
  const d = message.data;
  const time = typeof d.timestamp === 'string' ? d.timestamp.slice(11, 19) : '';
  switch (message.type) {
    case 'state_change':
      return { key: `s${message.id}`, time, tag: 'STATE', text: `${d.from ?? '∅'} → ${d.to}` };
    case 'log':
      return {
        key: String(d.entryId ?? message.id),
        time,
        tag: String(d.kind ?? 'log').toUpperCase(),
        text: String(d.message ?? ''),
      };
    case 'error':
      return { key: `e${message.id}`, time, tag: 'ERROR', text: String(d.message ?? '') };
    case 'needs_input':
      return { key: `n${message.id}`, time, tag: 'INPUT', text: String(d.type ?? '') };
    default:
      return null;
  }
}

export function LogPanel(props: { lines: LogLine[] }) {
  return (
    <ol class="log" aria-live="polite">
      <For each={props.lines} fallback={<li class="muted">Waiting for events…</li>}>
        {(line) => (
          <li data-tag={line.tag}>
            <span class="time">{line.time}</span> <span class="tag">[{line.tag}]</span> {line.text}
          </li>
        )}
      </For>
    </ol>
  );
}
