import { For, Show } from 'solid-js';
import { type CouncilSummary, type CouncilView, councilView } from '../state/council-view.ts';

const TONE_CLASS = { ok: 'ok', pending: 'muted', error: 'error' } as const;

/**
 * The council behind a document (workflow.md §5): members, draft and vote outcomes, scores and ranks, the winner,
 * whether it ran degraded and — once the winner was refined — what its refinement changed.
 */
export function CouncilRecord(props: {
  council: CouncilSummary | null;
  /** Default "Council". */
  title?: string;
  /** False while the council still works: there are no refinement changes to show yet. Default true. */
  isRefined?: boolean;
}) {
  return (
    <Show when={props.council}>
      {(council) => (
        <CouncilTable
          view={councilView(council())}
          title={props.title ?? 'Council'}
          isRefined={props.isRefined ?? true}
        />
      )}
    </Show>
  );
}

function CouncilTable(props: { view: CouncilView; title: string; isRefined: boolean }) {
  const view = () => props.view;
  return (
    <div class="council-record" data-testid="council-record">
      <h3>
        {props.title}
        <span class="muted small">{view().winnerId ? ` · winner ${view().winnerId}` : ' · no winner yet'}</span>{' '}
        <Show when={view().degraded !== null}>
          <span class={`badge ${view().degraded ? 'warn' : ''}`} data-degraded={view().degraded}>
            {view().degraded ? 'degraded' : 'not degraded'}
          </span>
        </Show>
      </h3>
      <table class="council-table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Draft</th>
            <th>Vote</th>
            <th>Score</th>
            <th>Rank</th>
          </tr>
        </thead>
        <tbody>
          <For each={view().rows}>
            {(row) => (
              <tr data-member={row.memberId} class={row.isWinner ? 'winner' : ''}>
                <td>
                  <code>{row.memberId}</code>
                  {row.isWinner ? ' ★ winner' : ''}
                </td>
                <td class={TONE_CLASS[row.draftTone]} title={row.error ?? ''}>
                  {row.draftStatus}
                </td>
                <td>{row.voteStatus}</td>
                <td>{row.score}</td>
                <td>{row.rank}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.isRefined}>
        <h4>Refinement changes</h4>
        <Show
          when={view().changes.length > 0}
          fallback={<p class="muted small">The winner's refinement kept its draft as it was.</p>}
        >
          <ul class="changes small">
            <For each={view().changes}>{(change) => <li>{change}</li>}</For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
