import { For, Show } from 'solid-js';
import type { TimelineStep } from '../state/timeline.ts';

const STATE_TEXT: Record<TimelineStep['state'], string> = {
  done: 'done',
  current: 'current',
  blocked: 'blocked here',
  upcoming: 'not reached yet',
  skipped: 'skipped',
};

/** The ticket's phase groups in order, then the statuses it went through (workflow.md §3, visitedStatuses). */
export function StatusTimeline(props: {
  steps: readonly TimelineStep[];
  history: readonly string[];
  labelOf: (status: string) => string;
}) {
  return (
    <div class="status-timeline">
      <ol class="timeline" aria-label="Phase timeline">
        <For each={props.steps}>
          {(step) => (
            <li
              class={`step ${step.state}`}
              data-group={step.id}
              aria-current={step.state === 'current' || step.state === 'blocked' ? 'step' : undefined}
              title={step.visited.map(props.labelOf).join(' → ') || STATE_TEXT[step.state]}
            >
              {step.label}
              <span class="visually-hidden"> ({STATE_TEXT[step.state]})</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.history.length > 0}>
        <p class="history muted small">History: {props.history.map(props.labelOf).join(' → ')}</p>
      </Show>
    </div>
  );
}
