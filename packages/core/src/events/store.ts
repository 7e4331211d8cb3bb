import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { streamEvents } from '../db/schema.ts';
import { type StreamEvent, TicketEventPayloads, type TicketEventType } from './schema.ts';

/** Anything that can run a drizzle insert: the db itself or an open transaction. */
export type DbWriter = Pick<Db, 'insert'>;

export async function insertEvent(
  db: DbWriter,
  ticketRef: string,
  type: TicketEventType,
  data: unknown,
  createdAt: string,
): Promise<number> {
  const [row] = await db
    .insert(streamEvents)
    .values({ ticketRef, type, payload: data, createdAt })
    .returning({ id: streamEvents.id });
  if (!row) throw new Error('insert into stream_events returned no row');
  return row.id;
}

/** Events of one ticket with id > afterId, oldest first. Rows that no longer parse are skipped, not fatal. */
export async function selectEventsAfter(db: Db, ticketRef: string | null, afterId: number, limit: number) {
  const rows = await db
    .select()
    .from(streamEvents)
    .where(
      ticketRef === null
        ? gt(streamEvents.id, afterId)
        : and(eq(streamEvents.ticketRef, ticketRef), gt(streamEvents.id, afterId)),
    )
    .orderBy(asc(streamEvents.id))
    .limit(limit);
  const events: StreamEvent[] = [];
  for (const row of rows) {
    const type = row.type as TicketEventType; // checked on the next line
    const schema = TicketEventPayloads[type];
    const parsed = schema?.safeParse(row.payload);
    if (parsed?.success) events.push({ id: row.id, type, data: parsed.data } as StreamEvent);
  }
  return events;
}

export async function deleteEventsOf(db: Db, ticketRef: string) {
  await db.delete(streamEvents).where(eq(streamEvents.ticketRef, ticketRef));
}

export async function deleteEventsBefore(db: Db, ticketRef: string, beforeId: number) {
  await db.delete(streamEvents).where(and(eq(streamEvents.ticketRef, ticketRef), lt(streamEvents.id, beforeId)));
}
