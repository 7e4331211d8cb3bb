import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';
import { workflowMeta } from '../workflow/meta.ts';
import { WorkflowMeta } from '../workflow/schema.ts';

export const workflowRouter = {
  meta: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/workflow/meta',
        protect: false,
        tags: ['workflow'],
        summary: 'All 34 statuses with label, group, kanban column and ui view',
      },
    })
    .input(z.void())
    .output(WorkflowMeta)
    .query(() => workflowMeta()),
} satisfies TRPCRouterRecord;
