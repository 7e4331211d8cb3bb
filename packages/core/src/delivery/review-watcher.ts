import type { TicketRow } from '../tickets/store.ts';
import { watchForHandMerge } from './merge-watch.ts';
import type { PullRequestRecord } from './provider.ts';

export interface ReviewWatcherDeps {
  /** Re-read the ticket's PR on the remote (TicketDelivery.read). */
  read(ticket: TicketRow): Promise<PullRequestRecord | null>;
  /** The PR was merged by hand: finish the way Merge PR & Finish does (it sees the merge, verifies, records). */
  onMerged(ticket: TicketRow, record: PullRequestRecord): Promise<void>;
  /** A watch that ended on an error (e.g. no credentials); the ticket simply stays in review. */
  onError(ticket: TicketRow, error: unknown): void;
  intervalMs: number;
}

/**
 * workflow.md §10.11: one poller per ticket in WAITING_PR_REVIEW, so a PR merged on the forge by hand finishes the
 * ticket without a second merge. Started when a ticket enters review (and for every ticket in review at startup),
 * stopped when it leaves (merge, close, cancel) and at shutdown.
 */
export function createReviewWatcher(deps: ReviewWatcherDeps) {
  const watches = new Map<number, AbortController>();

  function stop(ticketId: number) {
    watches.get(ticketId)?.abort(new Error('review watch stopped'));
    watches.delete(ticketId);
  }

  return {
    watch(ticket: TicketRow): void {
      if (watches.has(ticket.id)) return;
      const controller = new AbortController();
      watches.set(ticket.id, controller);
      watchForHandMerge(() => deps.read(ticket), { intervalMs: deps.intervalMs, signal: controller.signal })
        .then(async (record) => {
          if (record && !controller.signal.aborted) await deps.onMerged(ticket, record);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) deps.onError(ticket, error);
        })
        .finally(() => {
          if (watches.get(ticket.id) === controller) watches.delete(ticket.id);
        });
    },
    stop,
    isWatching: (ticketId: number) => watches.has(ticketId),
    stopAll(): void {
      for (const id of [...watches.keys()]) stop(id);
    },
  };
}

export type ReviewWatcher = ReturnType<typeof createReviewWatcher>;
