import { createQuery } from '@tanstack/solid-query';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';
import { decisionText, splitPatchByFile } from '../state/pull-request-view.ts';
import { ViewTabs } from './view-tabs.tsx';

type DiffView = 'net' | 'file';
const DIFF_TABS = [
  { id: 'net', label: 'Net diff' },
  { id: 'file', label: 'By file' },
] as const;

/** The typed pull request view core serves; shared (same query key) by the page header's Merge button. */
export function usePullRequestView(ticketId: () => string, enabled: () => boolean = () => true) {
  return createQuery(() => ({
    queryKey: keys.pullRequest(ticketId()),
    queryFn: () => api.pullRequest.get.query({ id: ticketId() }),
    enabled: enabled(),
  }));
}

/**
 * workflow.md §10.11: the pull request under review — link and state, candidate commit, branches, how it ended —
 * with the candidate file audit and a diff viewer (Net diff by default, By file). Shown from CREATING_PULL_REQUEST on.
 * When the delivery cannot merge (no remote, base branch checked out) it says why and shows the exact command.
 */
export function PullRequestPanel(props: { ticketId: string }) {
  const view = usePullRequestView(() => props.ticketId);
  const [diffView, setDiffView] = createSignal<DiffView>('net');

  return (
    <Show when={view.data?.pullRequest ? view.data : null}>
      {(v) => (
        <Show when={v().pullRequest}>
          {(p) => (
            <section class="panel" aria-label="Pull request">
              <h2>Pull request</h2>
              <p data-testid="pr-summary">
                <Show when={p().url} fallback={<strong>LoopTroop review record</strong>}>
                  {(url) => (
                    <a href={url()} target="_blank" rel="noreferrer">
                      {p().number !== null ? `#${p().number}` : 'Pull request'}
                    </a>
                  )}
                </Show>{' '}
                <span class="badge">{p().state}</span> {p().title}
              </p>
              <p class="muted small">
                <code>{p().headBranch}</code> → <code>{p().baseBranch}</code> at{' '}
                <code data-testid="candidate-sha">{v().candidateSha?.slice(0, 12)}</code>
                {v().draftSource === 'fallback' ? ' · description: LoopTroop fallback text' : ''}
              </p>
              <Show when={v().merge?.available === false ? v().merge : null}>
                {(m) => (
                  <div class="notice" data-testid="merge-unavailable">
                    <p>{m().reason}</p>
                    <Show when={m().manualCommand}>
                      {(command) => (
                        <p>
                          Run: <code data-testid="manual-command">{command()}</code>
                        </p>
                      )}
                    </Show>
                  </div>
                )}
              </Show>
              <Show when={v().decision}>
                {(d) => (
                  <div data-testid="merge-outcome">
                    <p>{decisionText(d())}</p>
                    <Show when={d().manualCommand}>
                      {(command) => (
                        <p>
                          Your checkout has <code>{p().baseBranch}</code> checked out, so LoopTroop left it alone. Run:{' '}
                          <code data-testid="manual-command">{command()}</code>
                        </p>
                      )}
                    </Show>
                  </div>
                )}
              </Show>
              <Show when={v().fileAudit.length > 0}>
                <h3>Candidate files</h3>
                <table class="council-table" data-testid="file-audit">
                  <tbody>
                    <For each={v().fileAudit}>
                      {(row) => (
                        <tr data-decision={row.decision}>
                          <td>
                            <code>{row.path}</code>
                          </td>
                          <td>{row.decision}</td>
                          <td class="muted small">{row.evidence || row.note || ''}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
              <Show when={v().diff?.patch ? v().diff : null}>
                {(diff) => (
                  <>
                    <h3>Changes</h3>
                    <ViewTabs label="Diff view" tabs={DIFF_TABS} current={diffView()} onSelect={setDiffView} />
                    <Switch>
                      <Match when={diffView() === 'net'}>
                        <pre class="artifact-content" data-testid="net-diff">
                          {diff().patch}
                        </pre>
                      </Match>
                      <Match when={diffView() === 'file'}>
                        <For each={splitPatchByFile(diff().patch)}>
                          {(file) => (
                            <details data-testid="file-diff">
                              <summary>
                                <code>{file.path}</code>
                              </summary>
                              <pre class="artifact-content">{file.patch}</pre>
                            </details>
                          )}
                        </For>
                      </Match>
                    </Switch>
                    <Show when={diff().truncated}>
                      <p class="muted small">The diff was cut; the full change is on the branch.</p>
                    </Show>
                  </>
                )}
              </Show>
            </section>
          )}
        </Show>
      )}
    </Show>
  );
}
