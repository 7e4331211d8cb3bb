import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { PullRequestView } from '../delivery/pull-request-view.ts';
import { TicketIdParam } from '../tickets/ref.ts';
import { route } from '../trpc.ts';

const tags = ['delivery'];

export const pullRequestRouter = {
  get: route(
    'GET',
    '/tickets/{id}/pull-request',
    'The pull request under review, its file audit and diff, whether Merge can be offered, and how review ended',
    { tags },
  )
    .input(z.object({ id: TicketIdParam }).strict())
    .output(PullRequestView)
    .query(async ({ ctx, input }) => ctx.services.pullRequests.view(await ctx.services.tickets.resolve(input.id))),
} satisfies TRPCRouterRecord;
