import { createQuery } from '@tanstack/solid-query';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { createNow } from '../lib/now.ts';
import { keys } from '../lib/query-client.ts';
import { api, type Bead, errorMessage } from '../lib/trpc.ts';
import { beadTimeLeft, formatDuration } from '../state/bead-progress.ts';
import { BeadDetails } from './bead-details.tsx';
import { BeadEta, beadProgressQuery } from './bead-eta.tsx';
import { DiffViewer } from './diff-viewer.tsx';
import { ViewTabs } from './view-tabs.tsx';

type View = 'beads' | 'net';
const TABS = [
  { id: 'beads', label: 'Beads' },
  { id: 'net', label: 'Net diff' },
] as const;

const STATUS_LABEL: Record<Bead['status'], string> = {
  pending: 'pending',
  in_progress: 'in progress',
  done: 'done',
  error: 'error',
};

const countdownText = (leftMs: number, paused: boolean) =>
  paused
    ? `paused, ~${formatDuration(leftMs)} left`
    : leftMs >= 0
      ? `~${formatDuration(leftMs)} left`
      : `${formatDuration(-leftMs)} over the estimate`;

/** The whole ticket's net code diff (its branch against the merge base with the base branch, no `.ticket/`). */
function TicketDiff(props: { ticketId: string }) {
  const diff = createQuery(() => ({
    queryKey: keys.ticketDiff(props.ticketId),
    queryFn: () => api.diffs.ticket.query({ id: props.ticketId }),
    retry: false,
  }));
  return (
    <Show when={diff.data} fallback={<p class="muted">{diff.isPending ? 'Loading…' : errorMessage(diff.error)}</p>}>
      {(d) => (
        <div data-testid="ticket-diff">
          <p class="muted small">
            <code>{d().baseBranch}</code> ({d().mergeBase.slice(0, 12)}) → <code>{d().head.slice(0, 12)}</code>
          </p>
          <DiffViewer
            content={d().content}
            files={d().files}
            additions={d().additions}
            deletions={d().deletions}
            truncated={d().truncated}
          />
        </div>
      )}
    </Show>
  );
}

/**
 * workflow.md §10.6 CODING, live: every bead pending / in progress (iteration k of N, with a countdown anchored to
 * the attempt's `updatedAt`, stopped while blocked) / done / error; a bead opens its notes and diff; the Net diff tab
 * shows the ticket's changes so far. Refreshed by the stream (state/ticket-events.ts staleKeys).
 */
export function CodingPanel(props: { ticketId: string }) {
  const plan = createQuery(() => ({
    queryKey: keys.beads(props.ticketId),
    queryFn: () => api.beads.get.query({ id: props.ticketId }),
  }));
  const progress = beadProgressQuery(() => props.ticketId);
  const nowMs = createNow();
  const [view, setView] = createSignal<View>('beads');
  const [open, setOpen] = createSignal<string | null>(null);
  const current = () => progress.data?.current ?? null;
  const timeLeft = (bead: Bead) => {
    const p = progress.data;
    return p ? beadTimeLeft(p, bead.startedAt, nowMs()) : null;
  };
  return (
    <section class="panel" aria-label="Coding" data-testid="coding-panel">
      <h2>
        Coding <BeadEta ticketId={props.ticketId} />
      </h2>
      <Show when={progress.data?.implementationMs}>
        {(ms) => (
          <p class="muted small" data-testid="implementation-time">
            Actual implementation time (beads done, time in CODING only): {formatDuration(ms())}
          </p>
        )}
      </Show>
      <ViewTabs label="Coding view" tabs={TABS} current={view()} onSelect={setView} />
      <Switch>
        <Match when={view() === 'beads'}>
          <ol class="bead-list">
            <For each={plan.data?.beads ?? []}>
              {(bead, index) => (
                <li class={`bead bead-run ${bead.status}`} data-bead={bead.id} data-bead-status={bead.status}>
                  <button
                    type="button"
                    class="bead-head ghost"
                    aria-expanded={open() === bead.id}
                    onClick={() => setOpen(open() === bead.id ? null : bead.id)}
                  >
                    <span class="bead-order">#{index() + 1}</span>
                    <code>{bead.id}</code>
                    <strong class="bead-title">{bead.title}</strong>
                    <span class={`badge ${bead.status === 'error' ? 'danger' : ''}`} data-testid="bead-status">
                      {STATUS_LABEL[bead.status]}
                    </span>
                    <Show when={bead.status === 'in_progress' || bead.status === 'error'}>
                      <span class="small" data-testid="bead-iteration">
                        iteration {Math.max(bead.iteration, 1)}
                        {current()?.id === bead.id ? ` of ${current()?.maxIterations}` : ''}
                      </span>
                    </Show>
                    <Show when={bead.status === 'in_progress' && timeLeft(bead) !== null}>
                      <span class="muted small" data-testid="bead-countdown">
                        {countdownText(timeLeft(bead) ?? 0, progress.data?.paused ?? false)}
                      </span>
                    </Show>
                    <Show when={bead.failedIterationNotes.length > 0}>
                      <span class="badge warn" title="Failed iteration notes">
                        {bead.failedIterationNotes.length} failed
                      </span>
                    </Show>
                  </button>
                  <Show when={open() === bead.id}>
                    <BeadDetails ticketId={props.ticketId} bead={bead} />
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Match>
        <Match when={view() === 'net'}>
          <TicketDiff ticketId={props.ticketId} />
        </Match>
      </Switch>
    </section>
  );
}
