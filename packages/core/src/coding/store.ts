import type { Db } from '../db/client.ts';
import { beadExecutionMetrics } from '../db/schema.ts';
import { updateTicket } from '../tickets/store.ts';
import type { BeadCounters } from './bead-records.ts';

/** One throughput row per done bead (CONTRACTS.md 5; the ETA range of §10.6 "Progress UI" reads them). */
export interface BeadMetricsRow {
  ticketId: number;
  beadId: string;
  iterations: number;
  activeDurationMs: number;
  wallClockMs: number;
  completedAt: string;
}

/** The coding loop's own storage: the ticket's bead counters and the throughput rows. */
export interface CodingStore {
  setCounters(ticketId: number, counters: BeadCounters): Promise<void>;
  recordMetrics(row: BeadMetricsRow): Promise<void>;
}

export function createCodingStore(db: Db): CodingStore {
  return {
    async setCounters(ticketId, counters) {
      await updateTicket(db, ticketId, counters);
    },
    async recordMetrics(row) {
      // A bead is done once per plan; a manual QA round that redoes it replaces its row.
      await db
        .insert(beadExecutionMetrics)
        .values(row)
        .onConflictDoUpdate({
          target: [beadExecutionMetrics.ticketId, beadExecutionMetrics.beadId],
          set: {
            iterations: row.iterations,
            activeDurationMs: row.activeDurationMs,
            wallClockMs: row.wallClockMs,
            completedAt: row.completedAt,
          },
        });
    },
  };
}
