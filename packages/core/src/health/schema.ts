import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok'), timestamp: z.string(), uptime: z.number() });

export const RecoveredTicket = z.object({
  ticketId: z.string(),
  status: z.string(),
  action: z.enum(['resumed', 'blocked', 'waiting']),
  reason: z.string(),
});

export const StartupStatus = z.object({
  storage: z.object({
    kind: z.enum(['fresh', 'empty_existing', 'restored']),
    dbUrl: z.string(),
    dataDir: z.string(),
    profileRestored: z.boolean(),
    restoredProjectCount: z.number().int(),
    restoredProjects: z.array(
      z.object({ id: z.number().int(), name: z.string(), shortname: z.string(), folderPath: z.string() }),
    ),
  }),
  recovery: z.object({ tickets: z.array(RecoveredTicket) }),
  ui: z.object({ restoreNotice: z.object({ shouldShow: z.boolean(), dismissedAt: z.string().nullable() }) }),
});
export type StartupStatus = z.infer<typeof StartupStatus>;
export type RecoveredTicket = z.infer<typeof RecoveredTicket>;

export const DismissResult = z.object({ success: z.literal(true), dismissedAt: z.string() });
