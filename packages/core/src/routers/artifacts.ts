import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { Artifact, ArtifactListInput, PhaseAttempt, PhaseAttemptsInput } from '../artifacts/schema.ts';
import { route } from '../trpc.ts';

const tags = ['artifacts'];

export const artifactsRouter = {
  list: route('GET', '/tickets/{id}/artifacts', 'List ticket artifacts (?phase=&phaseAttempt=&artifactType=)', { tags })
    .input(ArtifactListInput)
    .output(z.array(Artifact))
    .query(async ({ ctx, input }) => {
      const { id, ...filter } = input;
      return ctx.services.artifacts.browse(await ctx.services.tickets.resolve(id), filter);
    }),

  attempts: route('GET', '/tickets/{id}/phases/{phase}/attempts', 'Phase attempt history', { tags })
    .input(PhaseAttemptsInput)
    .output(z.array(PhaseAttempt))
    .query(async ({ ctx, input }) =>
      ctx.services.artifacts.attempts(await ctx.services.tickets.resolve(input.id), input.phase),
    ),
} satisfies TRPCRouterRecord;
