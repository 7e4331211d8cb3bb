import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { Artifact, ArtifactListInput, PhaseAttempt, PhaseAttemptsInput } from '../artifacts/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['artifacts'];

export const artifactsRouter = {
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tickets/{id}/artifacts',
        protect: false,
        tags,
        summary: 'List ticket artifacts (?phase=&phaseAttempt=&artifactType=)',
      },
    })
    .input(ArtifactListInput)
    .output(z.array(Artifact))
    .query(async ({ ctx, input }) => {
      const { id, ...filter } = input;
      return ctx.services.artifacts.browse(await ctx.services.tickets.resolve(id), filter);
    }),

  attempts: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tickets/{id}/phases/{phase}/attempts',
        protect: false,
        tags,
        summary: 'Phase attempt history',
      },
    })
    .input(PhaseAttemptsInput)
    .output(z.array(PhaseAttempt))
    .query(async ({ ctx, input }) =>
      ctx.services.artifacts.attempts(await ctx.services.tickets.resolve(input.id), input.phase),
    ),
} satisfies TRPCRouterRecord;
