import type { TRPCRouterRecord } from '@trpc/server';
import { BeadProgress, BeadProgressInput } from '../progress/schema.ts';
import { route } from '../trpc.ts';

export const progressRouter = {
  beads: route(
    'GET',
    '/tickets/{id}/beads/progress',
    'Bead progress: completed/total, the bead in progress (iteration k of N), the countdown anchor and the ETA range',
    { tags: ['beads'] },
  )
    .input(BeadProgressInput)
    .output(BeadProgress)
    .query(({ ctx, input }) => ctx.services.progress.progress(input.id)),
} satisfies TRPCRouterRecord;
