import type { TRPCRouterRecord } from '@trpc/server';
import { BeadsPutInput, BeadsQuery, BeadsView } from '../beads/schema.ts';
import { FixGapsInput, FixGapsResult, PlanningReview, ReviewInput } from '../planning/schema.ts';
import { route } from '../trpc.ts';

export const planningRouter = {
  review: route(
    'GET',
    '/tickets/{id}/review/{domain}',
    'What an approval editor needs: document, hash, coverage result, council record',
    { tags: ['planning'] },
  )
    .input(ReviewInput)
    .output(PlanningReview)
    .query(({ ctx, input }) => ctx.services.planning.review(input.id, input.domain)),

  fixGaps: route(
    'POST',
    '/tickets/{id}/coverage/fix-gaps',
    'Fix gaps with AI: one targeted revision and one audit in the background (202; 200 when there is nothing to fix)',
    { tags: ['planning'] },
  )
    .input(FixGapsInput)
    .output(FixGapsResult)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.fixGaps.start(input.id, input.domain);
      if (result.started) ctx.http.status = 202;
      return result;
    }),
} satisfies TRPCRouterRecord;

export const beadsRouter = {
  get: route('GET', '/tickets/{id}/beads', 'Read the bead plan (optional ?flow=); X-Content-Sha256 carries its hash', {
    tags: ['beads'],
  })
    .input(BeadsQuery)
    .output(BeadsView)
    .query(async ({ ctx, input }) => {
      const view = await ctx.services.beads.get(input.id, input.flow);
      if (view.contentSha256) ctx.http.headers = { 'X-Content-Sha256': view.contentSha256 };
      return view;
    }),

  put: route('PUT', '/tickets/{id}/beads', 'Replace the bead plan at WAITING_BEADS_APPROVAL (optional ?flow=)', {
    tags: ['beads'],
  })
    .input(BeadsPutInput)
    .output(BeadsView)
    .mutation(async ({ ctx, input }) => {
      const view = await ctx.services.beads.put(input);
      if (view.contentSha256) ctx.http.headers = { 'X-Content-Sha256': view.contentSha256 };
      return view;
    }),
} satisfies TRPCRouterRecord;
