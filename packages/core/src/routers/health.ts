import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { DismissResult, Health, StartupStatus } from '../health/schema.ts';
import { OpencodeHealth } from '../opencode/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['health'];

export const healthRouter = {
  get: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/health', protect: false, tags, summary: 'Basic process health' } })
    .input(z.void())
    .output(Health)
    .query(({ ctx }) => ctx.services.health.health()),

  startup: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/health/startup',
        protect: false,
        tags,
        summary: 'Startup recovery and restore status',
      },
    })
    .input(z.void())
    .output(StartupStatus)
    .query(({ ctx }) => ctx.services.health.startup()),

  opencode: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/health/opencode',
        protect: false,
        tags,
        summary: 'OpenCode reachability and version',
      },
    })
    .input(z.void())
    .output(OpencodeHealth)
    .query(({ ctx }) => ctx.services.opencode.health()),

  dismissRestoreNotice: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/health/startup/restore-notice/dismiss',
        protect: false,
        tags,
        summary: 'Dismiss the startup restore notice',
      },
    })
    .input(z.void())
    .output(DismissResult)
    .mutation(({ ctx }) => ctx.services.health.dismissRestoreNotice()),
} satisfies TRPCRouterRecord;
