import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { ModelsResponse } from '../opencode/schema.ts';
import { route } from '../trpc.ts';

export const modelsRouter = {
  list: route('GET', '/models', 'Connected and full model catalog', { tags: ['models'] })
    .input(z.void())
    .output(ModelsResponse)
    .query(({ ctx }) => ctx.services.opencode.models()),
} satisfies TRPCRouterRecord;
