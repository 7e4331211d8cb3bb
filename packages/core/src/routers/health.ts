import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { DismissResult, Health, StartupStatus } from '../health/schema.ts';
import { OpencodeHealth } from '../opencode/schema.ts';
import { route } from '../trpc.ts';

const tags = ['health'];

export const healthRouter = {
  get: route('GET', '/health', 'Basic process health', { tags })
    .input(z.void())
    .output(Health)
    .query(({ ctx }) => ctx.services.health.health()),

  startup: route('GET', '/health/startup', 'Startup recovery and restore status', { tags })
    .input(z.void())
    .output(StartupStatus)
    .query(({ ctx }) => ctx.services.health.startup()),

  opencode: route('GET', '/health/opencode', 'OpenCode reachability and version', { tags })
    .input(z.void())
    .output(OpencodeHealth)
    .query(({ ctx }) => ctx.services.opencode.health()),

  dismissRestoreNotice: route('POST', '/health/startup/restore-notice/dismiss', 'Dismiss the startup restore notice', {
    tags,
  })
    .input(z.void())
    .output(DismissResult)
    .mutation(({ ctx }) => ctx.services.health.dismissRestoreNotice()),
} satisfies TRPCRouterRecord;
