import { For, Show } from 'solid-js';
import { parseFullAnswers } from '../state/full-answers.ts';

/** The winning member's Full Answers, read-only (workflow.md §8.5); answers the AI filled in are marked. */
export function FullAnswersPanel(props: { raw: string }) {
  const parsed = () => parseFullAnswers(props.raw);
  const aiFilled = () => parsed().rows?.filter((r) => r.isAiFilled).length ?? 0;
  return (
    <details class="full-answers" data-testid="full-answers">
      <summary>
        Full Answers <span class="muted small">(read-only · {aiFilled()} filled in by AI for skipped questions)</span>
      </summary>
      <Show when={parsed().rows} fallback={<pre class="artifact-content">{props.raw}</pre>}>
        {(rows) => (
          <ol class="qa">
            <For each={rows()}>
              {(row) => (
                <li data-answer={row.id} data-answered-by={row.isAiFilled ? 'ai_skip' : 'user'}>
                  <strong>
                    <code>{row.id}</code> {row.prompt}
                  </strong>
                  <Show when={row.isAiFilled}>
                    {' '}
                    <span class="badge warn" title="The user skipped this question; the council filled it in">
                      AI-filled
                    </span>
                  </Show>
                  <div class="muted">{row.answer || (row.isSkipped ? 'Skipped' : '—')}</div>
                </li>
              )}
            </For>
          </ol>
        )}
      </Show>
    </details>
  );
}
