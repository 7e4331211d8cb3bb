import type { EventBus } from '../events/bus.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { ReviewWatcher } from './review-watcher.ts';

const REVIEW = 'WAITING_PR_REVIEW';

export interface FollowReviewsDeps {
  events: EventBus;
  watcher: ReviewWatcher;
  /** The ticket row by its reference, null when it is gone. */
  resolve(ref: string): Promise<TicketRow | null>;
  /** Every ticket in WAITING_PR_REVIEW now (at startup, a restart must not forget a review). */
  inReview(): Promise<TicketRow[]>;
  onError(error: unknown): void;
}

/**
 * workflow.md §10.11 polling, driven by the state changes on the event bus: a ticket entering WAITING_PR_REVIEW is
 * watched for a hand merge, one leaving it (merged, closed, canceled, blocked) is not. Returns the stop function.
 */
export async function followReviews(deps: FollowReviewsDeps): Promise<() => void> {
  const unsubscribe = deps.events.subscribe(null, (event) => {
    if (event.type !== 'state_change') return;
    const { ticketId, from, to } = event.data;
    if (to === REVIEW) {
      deps
        .resolve(ticketId)
        .then((row) => {
          if (row && row.status === REVIEW) deps.watcher.watch(row);
        })
        .catch(deps.onError);
    } else if (from === REVIEW) {
      deps
        .resolve(ticketId)
        .then((row) => {
          if (row) deps.watcher.stop(row.id);
        })
        .catch(deps.onError);
    }
  });
  for (const row of await deps.inReview()) deps.watcher.watch(row);
  return () => {
    unsubscribe();
    deps.watcher.stopAll();
  };
}
