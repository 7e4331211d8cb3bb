import type { TRPCRouterRecord } from '@trpc/server';
import { BeadDiff, BeadDiffInput, TicketDiff, TicketDiffInput } from '../diffs/schema.ts';
import { route } from '../trpc.ts';

const tags = ['beads'];

export const diffsRouter = {
  bead: route('GET', '/tickets/{id}/beads/{beadId}/diff', 'Read diff artifact for a bead', { tags })
    .input(BeadDiffInput)
    .output(BeadDiff)
    .query(({ ctx, input }) => ctx.services.diffs.beadDiff(input.id, input.beadId)),

  ticket: route(
    'GET',
    '/tickets/{id}/diff',
    "The ticket's net code diff (its branch against the merge base with its base branch, .ticket excluded) with stats",
    { tags },
  )
    .input(TicketDiffInput)
    .output(TicketDiff)
    .query(({ ctx, input }) => ctx.services.diffs.ticketDiff(input.id)),
} satisfies TRPCRouterRecord;
