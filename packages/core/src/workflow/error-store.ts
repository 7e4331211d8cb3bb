import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ticketErrorOccurrences } from '../db/schema.ts';

export async function insertErrorOccurrence(
  db: Db,
  values: Omit<typeof ticketErrorOccurrences.$inferInsert, 'occurrenceNumber'>,
) {
  return db.transaction(async (tx) => {
    const [last] = await tx
      .select({ n: ticketErrorOccurrences.occurrenceNumber })
      .from(ticketErrorOccurrences)
      .where(eq(ticketErrorOccurrences.ticketId, values.ticketId))
      .orderBy(desc(ticketErrorOccurrences.occurrenceNumber))
      .limit(1);
    const [row] = await tx
      .insert(ticketErrorOccurrences)
      .values({ ...values, occurrenceNumber: (last?.n ?? 0) + 1 })
      .returning();
    return row;
  });
}

/** Close the open occurrence (Retry, Continue or Cancel), keeping the history append-only. */
export async function resolveOpenOccurrence(
  db: Db,
  ticketId: number,
  resolution: { resolutionStatus: string; resumedToStatus: string | null; resolvedAt: string },
) {
  await db
    .update(ticketErrorOccurrences)
    .set(resolution)
    .where(and(eq(ticketErrorOccurrences.ticketId, ticketId), isNull(ticketErrorOccurrences.resolvedAt)));
}

export function selectErrorOccurrences(db: Db, ticketId: number) {
  return db
    .select()
    .from(ticketErrorOccurrences)
    .where(eq(ticketErrorOccurrences.ticketId, ticketId))
    .orderBy(ticketErrorOccurrences.occurrenceNumber);
}

/** The unresolved occurrence of a ticket (at most one: BLOCKED_ERROR is left before the next one opens). */
export async function selectOpenOccurrence(db: Db, ticketId: number) {
  const [row] = await db
    .select()
    .from(ticketErrorOccurrences)
    .where(and(eq(ticketErrorOccurrences.ticketId, ticketId), isNull(ticketErrorOccurrences.resolvedAt)))
    .orderBy(desc(ticketErrorOccurrences.occurrenceNumber))
    .limit(1);
  return row;
}
