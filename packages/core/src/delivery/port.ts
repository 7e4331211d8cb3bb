import { z } from 'zod';
import { conflict } from '../errors.ts';
import type { TicketRow } from '../tickets/store.ts';

// The delivery port (workflow.md §10.11 WAITING_PR_REVIEW): the two ways a reviewed ticket leaves review. The remote
// work (mark the PR ready, merge it, verify the base branch holds the candidate; or leave PR and branch as they are)
// belongs to a delivery provider behind this port; the workflow service only records the outcome and moves on.

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

export interface Delivery {
  /** Merge the ticket's PR and verify the remote base branch contains its candidate commit. Throws on failure. */
  merge(ticket: TicketRow): Promise<DeliveryReceipt>;
  /** Finish without merging: the PR and the remote branch stay exactly as they are. Throws on failure. */
  closeUnmerged(ticket: TicketRow, reason: string | null): Promise<DeliveryReceipt>;
}

const NOT_AVAILABLE =
  'Delivery is not available yet in this version of LoopTroop: nothing was merged or closed, and the ticket stays in review.';

/** The default until delivery is built: refuses clearly, so nothing ever pretends to have merged. */
export const unavailableDelivery: Delivery = {
  merge: async (ticket) => {
    throw conflict(NOT_AVAILABLE, { ticketId: ticket.externalId, action: 'merge' });
  },
  closeUnmerged: async (ticket) => {
    throw conflict(NOT_AVAILABLE, { ticketId: ticket.externalId, action: 'close_unmerged' });
  },
};
