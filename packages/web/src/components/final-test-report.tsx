import type { FinalTestReportDoc } from '@looptroop/core';
import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';
import { formatDuration } from '../state/bead-progress.ts';

function parseReport(content: string): FinalTestReportDoc | null {
  try {
    const doc = JSON.parse(content) as Partial<FinalTestReportDoc>;
    return typeof doc.attempt === 'number' && Array.isArray(doc.commands) ? (doc as FinalTestReportDoc) : null;
  } catch {
    return null;
  }
}

const commandResult = (c: FinalTestReportDoc['commands'][number]) =>
  c.timedOut ? 'timed out' : c.exitCode === null ? 'did not run' : `exit ${c.exitCode}`;

/**
 * workflow.md §10.7: the final test, attempt by attempt (newest first): pass or fail from the exit codes of the
 * commands the backend ran, the test files the agent added or changed, each command's output tail, and the retry
 * notes that fed the next attempt.
 */
export function FinalTestReport(props: { ticketId: string }) {
  const reports = createQuery(() => ({
    queryKey: keys.artifactsOf(props.ticketId, 'final_test_report'),
    queryFn: () => api.artifacts.list.query({ id: props.ticketId, artifactType: 'final_test_report' }),
  }));
  const attempts = () =>
    (reports.data ?? [])
      .map((a) => parseReport(a.content))
      .filter((r): r is FinalTestReportDoc => r !== null)
      .reverse();
  return (
    <Show when={attempts().length > 0}>
      <section class="panel" aria-label="Final test" data-testid="final-test-report">
        <h2>Final test</h2>
        <For each={attempts()}>
          {(r, index) => (
            <details class="final-test-attempt" data-attempt={r.attempt} open={index() === 0}>
              <summary>
                Attempt {r.attempt} of {r.maxAttempts}:{' '}
                <span class={`badge ${r.passed ? '' : 'danger'}`} data-testid="final-test-outcome">
                  {r.passed ? 'passed' : 'failed'}
                </span>{' '}
                {r.summary}
              </summary>
              <Show when={r.testFiles.length > 0}>
                <p class="small">
                  Test files:{' '}
                  <For each={r.testFiles}>
                    {(f) => (
                      <>
                        <code>{f}</code>{' '}
                      </>
                    )}
                  </For>
                </p>
              </Show>
              <ul class="checks">
                <For each={r.commands}>
                  {(c) => (
                    <li
                      class={`check ${c.exitCode === 0 && !c.timedOut ? 'pass' : 'fail'}`}
                      data-testid="final-test-command"
                    >
                      <code>{c.display}</code>
                      {c.cwd && c.cwd !== '.' ? <span class="muted small"> in {c.cwd}</span> : null} →{' '}
                      {commandResult(c)} <span class="muted small">({formatDuration(c.durationMs)})</span>
                      <Show when={c.outputTail}>
                        <details>
                          <summary>Output</summary>
                          <pre class="artifact-content">{c.outputTail}</pre>
                        </details>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={r.notes.length > 0}>
                <h4>Notes</h4>
                <For each={r.notes}>{(n) => <p class="prewrap small">{n}</p>}</For>
              </Show>
            </details>
          )}
        </For>
      </section>
    </Show>
  );
}
