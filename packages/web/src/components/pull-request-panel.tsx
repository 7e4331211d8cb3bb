import { createQuery } from '@tanstack/solid-query';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { api } from '../lib/trpc.ts';
import { auditRows, candidatePatch, mergeView, pullRequestView, splitPatchByFile } from '../state/pull-request-view.ts';
import { ViewTabs } from './view-tabs.tsx';

type DiffView = 'net' | 'file';
const DIFF_TABS = [
  { id: 'net', label: 'Net diff' },
  { id: 'file', label: 'By file' },
] as const;

/** The newest artifact of each delivery type (the list answers oldest first). */
function useLatest(ticketId: () => string, artifactType: string) {
  return createQuery(() => ({
    queryKey: ['artifacts', ticketId(), artifactType],
    queryFn: async () => (await api.artifacts.list.query({ id: ticketId(), artifactType })).at(-1)?.content ?? null,
  }));
}

/**
 * workflow.md §10.11: the pull request under review — link and state, candidate commit, branches, how it ended —
 * with the candidate file audit and a diff viewer (Net diff by default, By file). Shown from CREATING_PULL_REQUEST on.
 */
export function PullRequestPanel(props: { ticketId: string }) {
  const id = () => props.ticketId;
  const report = useLatest(id, 'pull_request_report');
  const merge = useLatest(id, 'merge_report');
  const audit = useLatest(id, 'candidate_file_audit');
  const diff = useLatest(id, 'candidate_diff');
  const [view, setView] = createSignal<DiffView>('net');
  const pr = () => pullRequestView(report.data);
  const decided = () => mergeView(merge.data);
  const patch = () => candidatePatch(diff.data);

  return (
    <Show when={pr()}>
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
            <span class="badge">{p().state ?? 'unknown'}</span> {p().title}
          </p>
          <p class="muted small">
            <code>{p().headBranch}</code> → <code>{p().baseBranch}</code> at{' '}
            <code data-testid="candidate-sha">{p().candidateSha?.slice(0, 12)}</code>
            {p().draftSource === 'fallback' ? ' · description: LoopTroop fallback text' : ''}
          </p>
          <Show when={decided()}>
            {(d) => (
              <div data-testid="merge-outcome">
                <p>
                  {d().outcome === 'merged'
                    ? d().verified
                      ? 'Merged and verified on the base branch.'
                      : 'Ready to merge locally.'
                    : 'Finished without merge.'}
                  {d().reason ? ` Reason: ${d().reason}` : ''}
                </p>
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
          <Show when={auditRows(audit.data).length > 0}>
            <h3>Candidate files</h3>
            <table class="council-table" data-testid="file-audit">
              <tbody>
                <For each={auditRows(audit.data)}>
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
          <Show when={patch().patch}>
            <h3>Changes</h3>
            <ViewTabs label="Diff view" tabs={DIFF_TABS} current={view()} onSelect={setView} />
            <Switch>
              <Match when={view() === 'net'}>
                <pre class="artifact-content" data-testid="net-diff">
                  {patch().patch}
                </pre>
              </Match>
              <Match when={view() === 'file'}>
                <For each={splitPatchByFile(patch().patch)}>
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
            <Show when={patch().truncated}>
              <p class="muted small">The diff was cut; the full change is on the branch.</p>
            </Show>
          </Show>
        </section>
      )}
    </Show>
  );
}
