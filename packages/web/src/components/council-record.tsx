import { For, Show } from 'solid-js';
import type { PlanningReview } from '../lib/trpc.ts';
import { describeChange } from '../state/change-record.ts';

type Council = NonNullable<PlanningReview['council']>;

/**
 * The council behind a planning document (workflow.md §5): members, draft and vote outcomes, scores, the winner,
 * whether it ran degraded, and what the winner's refinement changed.
 */
export function CouncilRecord(props: { council: Council | null }) {
  return (
    <Show when={props.council}>
      {(council) => (
        <div class="council-record" data-testid="council-record">
          <h3>
            Council
            <span class="muted small">{council().winnerId ? ` · winner ${council().winnerId}` : ' · no winner'}</span>{' '}
            <span class={`badge ${council().degraded ? 'warn' : ''}`} data-degraded={council().degraded}>
              {council().degraded ? 'degraded' : 'not degraded'}
            </span>
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
              <For each={council().members}>
                {(m) => (
                  <tr data-member={m.memberId} class={m.memberId === council().winnerId ? 'winner' : ''}>
                    <td>
                      <code>{m.memberId}</code>
                      {m.memberId === council().winnerId ? ' ★ winner' : ''}
                    </td>
                    <td class={m.draftStatus === 'completed' ? 'ok' : 'error'} title={m.error ?? ''}>
                      {m.draftStatus}
                    </td>
                    <td>{m.voteStatus ?? '—'}</td>
                    <td>{m.totalScore ?? '—'}</td>
                    <td>{m.rank ?? '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <h4>Refinement changes</h4>
          <Show
            when={council().changes.length > 0}
            fallback={<p class="muted small">The winner's refinement kept its draft as it was.</p>}
          >
            <ul class="changes small">
              <For each={council().changes}>{(change) => <li>{describeChange(change)}</li>}</For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}
