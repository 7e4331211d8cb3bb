import { z } from 'zod';
import type { TicketRow } from '../tickets/store.ts';
import type { MergeAvailability, PullRequestContent, PullRequestRecord } from './provider.ts';

// The delivery port (workflow.md §10.10–§10.11): publish the candidate as a pull request, read it back, and the two
// ways a reviewed ticket leaves review. The remote work (push, PR, mark ready, merge, verify the base branch holds the
// candidate; or leave PR and branch as they are) belongs to a delivery provider behind this port
// (ticket-delivery.ts picks it from the project's origin); the workflow only records outcomes and moves on.

/** What a delivery call reports back; it is copied into the `merge_report` artifact. */
export const DeliveryReceipt = z.object({
  prUrl: z.string().nullable().optional(),
  prNumber: z.number().int().nullable().optional(),
  prState: z.string().nullable().optional(),
  /** The candidate commit the remote base branch was verified to contain (merge only). */
  mergedCommit: z.string().nullable().optional(),
  /** True when the PR was already merged on the remote, so no merge call was made (§10.11 polling). */
  alreadyMerged: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type DeliveryReceipt = z.infer<typeof DeliveryReceipt>;

/** The `merge_report` artifact (§10.11, §14.2): how review ended, why, and what delivery reported. */
export const MergeReport = z.object({
  outcome: z.enum(['merged', 'closed_unmerged']),
  reason: z.string().nullable(),
  decidedAt: z.string(),
  delivery: DeliveryReceipt,
});
export type MergeReport = z.infer<typeof MergeReport>;

export interface Delivery {
  /**
   * §10.10 step 3: push `candidateSha` to the ticket branch with a lease and create the draft PR or update the one
   * that exists (never a second). `refetch` (a user's Retry) re-reads the remote branch first.
   */
  publish(
    ticket: TicketRow,
    candidateSha: string,
    content: PullRequestContent,
    options?: { refetch?: boolean },
  ): Promise<PullRequestRecord>;
  /** The ticket's PR as the remote shows it now (null when nothing was published). Changes nothing. */
  read(ticket: TicketRow): Promise<PullRequestRecord | null>;
  /** Can Merge be offered for the ticket now (§10.11)? Absent: always (an injected delivery that merges anything). */
  mergeAvailability?(ticket: TicketRow): Promise<MergeAvailability>;
  /** Merge the ticket's PR and verify the remote base branch contains its candidate commit. Throws on failure. */
  merge(ticket: TicketRow): Promise<DeliveryReceipt>;
  /** Finish without merging: the PR and the remote branch stay exactly as they are. Throws on failure. */
  closeUnmerged(ticket: TicketRow, reason: string | null): Promise<DeliveryReceipt>;
}
