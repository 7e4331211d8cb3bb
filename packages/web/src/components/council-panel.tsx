import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { api } from '../lib/trpc.ts';

interface MemberRow {
  memberId: string;
  status: string;
  durationMs: number | null;
  error: string | null;
}

interface CouncilRecord {
  members?: MemberRow[];
  voters?: MemberRow[];
  result?: { winnerId: string; degraded: boolean; totals: { memberId: string; totalScore: number }[] } | null;
}

function parse(content: string | undefined): CouncilRecord | null {
  if (!content) return null;
  try {
    return JSON.parse(content) as CouncilRecord; // our own council artifact, written by the server
  } catch {
    return null;
  }
}

/** Council members, their draft and vote outcomes, the winner and whether the council ran degraded. */
export function CouncilPanel(props: { ticketId: string; domain: 'interview' | 'prd' | 'beads' }) {
  const drafts = createQuery(() => ({
    queryKey: ['artifacts', props.ticketId, `${props.domain}_drafts`],
    queryFn: () => api.artifacts.list.query({ id: props.ticketId, artifactType: `${props.domain}_drafts` }),
  }));
  const votes = createQuery(() => ({
    queryKey: ['artifacts', props.ticketId, `${props.domain}_votes`],
    queryFn: () => api.artifacts.list.query({ id: props.ticketId, artifactType: `${props.domain}_votes` }),
  }));
  const draftRecord = () => parse(drafts.data?.at(-1)?.content);
  const voteRecord = () => parse(votes.data?.at(-1)?.content);
  const voteOf = (memberId: string) => voteRecord()?.voters?.find((v) => v.memberId === memberId);
  const totalOf = (memberId: string) => voteRecord()?.result?.totals.find((t) => t.memberId === memberId)?.totalScore;
  return (
    <Show when={draftRecord()}>
      {(record) => (
        <section class="panel council" aria-label="Council">
          <h2>
            Council ({props.domain})
            <Show when={voteRecord()?.result}>
              {(result) => (
                <span class="muted small">
                  {' '}
                  · winner {result().winnerId}
                  {result().degraded ? ' · degraded' : ''}
                </span>
              )}
            </Show>
          </h2>
          <table class="council-table">
            <thead>
              <tr>
                <th>Model</th>
                <th>Draft</th>
                <th>Vote</th>
                <th>Score</th>
              </tr>
            </thead>
            <tbody>
              <For each={record().members ?? []}>
                {(m) => (
                  <tr data-member={m.memberId}>
                    <td>
                      <code>{m.memberId}</code>
                    </td>
                    <td
                      class={m.status === 'completed' ? 'ok' : m.status === 'pending' ? 'muted' : 'error'}
                      title={m.error ?? ''}
                    >
                      {m.status}
                    </td>
                    <td>{voteOf(m.memberId)?.status ?? '—'}</td>
                    <td>{totalOf(m.memberId) ?? '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      )}
    </Show>
  );
}
