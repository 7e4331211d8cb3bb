import { desc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { beadExecutionMetrics, tickets } from '../db/schema.ts';

/** How many recent completed beads the ETA reads; older history says little about today's models. */
const HISTORY_LIMIT = 500;

/**
 * The newest completed beads of every ticket with what the ETA buckets them by: the plan size and the locked settings
 * of their ticket (architecture.md `bead_execution_metrics`; rows with a duration ≤ 0 are skipped).
 */
export function selectThroughput(db: Db) {
  return db
    .select({
      ticketId: beadExecutionMetrics.ticketId,
      beadId: beadExecutionMetrics.beadId,
      activeDurationMs: beadExecutionMetrics.activeDurationMs,
      totalBeads: tickets.totalBeads,
      lockedSettings: tickets.lockedSettings,
    })
    .from(beadExecutionMetrics)
    .innerJoin(tickets, eq(tickets.id, beadExecutionMetrics.ticketId))
    .where(gt(beadExecutionMetrics.activeDurationMs, 0))
    .orderBy(desc(beadExecutionMetrics.completedAt))
    .limit(HISTORY_LIMIT);
}
