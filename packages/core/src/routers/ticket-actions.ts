import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../trpc.ts';
import { CancelInput, WorkflowActionResult } from '../workflow/schema.ts';

const tags = ['ticket actions'];

export const ticketActionsRouter = {
  cancel: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tickets/{id}/cancel',
        protect: false,
        tags,
        summary: 'Cancel a ticket (optional cleanup of content and log)',
      },
    })
    .input(CancelInput)
    .output(WorkflowActionResult)
    .mutation(({ ctx, input }) => ctx.services.workflow.cancel(input)),
} satisfies TRPCRouterRecord;
