import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { route } from '../trpc.ts';
import { workflowMeta } from '../workflow/meta.ts';
import { WorkflowMeta } from '../workflow/schema.ts';

export const workflowRouter = {
  meta: route('GET', '/workflow/meta', 'All 34 statuses with label, group, kanban column and ui view', {
    tags: ['workflow'],
  })
    .input(z.void())
    .output(WorkflowMeta)
    .query(() => workflowMeta()),
} satisfies TRPCRouterRecord;
