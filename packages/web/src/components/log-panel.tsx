import { For } from 'solid-js';
import type { LogLine } from '../state/log-lines.ts';

/** The live event log of one ticket, newest last. */
export function LogPanel(props: { lines: readonly LogLine[] }) {
  return (
    <ol class="log" aria-live="polite" aria-label="Live log">
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
