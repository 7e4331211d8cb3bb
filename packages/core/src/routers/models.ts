import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { ModelsResponse } from '../opencode/schema.ts';
import { publicProcedure } from '../trpc.ts';

export const modelsRouter = {
  list: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/models',
        protect: false,
        tags: ['models'],
        summary: 'Connected and full model catalog',
      },
    })
    .input(z.void())
    .output(ModelsResponse)
    .query(({ ctx }) => ctx.services.opencode.models()),
} satisfies TRPCRouterRecord;
