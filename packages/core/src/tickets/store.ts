import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { changeCounters, projects, tickets, uiState } from '../db/schema.ts';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;

export async function selectTicketByExternalId(db: Db, externalId: string) {
  const [row] = await db.select().from(tickets).where(eq(tickets.externalId, externalId));
  return row;
}

/** The tickets table's change counter: triggers bump it on every insert, update and delete (migration 0001). */
export async function selectTicketsVersion(db: Db): Promise<number> {
  const [row] = await db
    .select({ value: changeCounters.value })
    .from(changeCounters)
    .where(eq(changeCounters.name, 'tickets'));
  return row?.value ?? 0;
}

export function selectTickets(db: Db, filter: { projectId?: number; status?: string }) {
  const conditions = [
    filter.projectId !== undefined ? eq(tickets.projectId, filter.projectId) : undefined,
    filter.status !== undefined ? eq(tickets.status, filter.status) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(tickets)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(tickets.id);
}

/** Take the next number of the project's counter and insert the ticket, in one short transaction. */
export async function insertTicketWithNextNumber(
  db: Db,
  projectId: number,
  build: (shortname: string, n: number) => NewTicketRow,
) {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .update(projects)
      .set({ ticketCounter: sql`${projects.ticketCounter} + 1` })
      .where(eq(projects.id, projectId))
      .returning({ shortname: projects.shortname, counter: projects.ticketCounter });
    if (!project) return undefined;
    const [row] = await tx.insert(tickets).values(build(project.shortname, project.counter)).returning();
    return row;
  });
}

export async function updateTicket(db: Db, id: number, values: Partial<NewTicketRow>) {
  const [row] = await db.update(tickets).set(values).where(eq(tickets.id, id)).returning();
  return row;
}

export async function deleteTicket(db: Db, id: number) {
  await db.delete(tickets).where(eq(tickets.id, id));
}

export async function selectUiState(db: Db, ticketId: number, scope: string) {
  const [row] = await db
    .select()
    .from(uiState)
    .where(and(eq(uiState.ticketId, ticketId), eq(uiState.scope, scope)));
  return row;
}

export async function upsertUiState(db: Db, ticketId: number, scope: string, data: unknown, now: string) {
  const [row] = await db
    .insert(uiState)
    .values({ ticketId, scope, data, revision: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: [uiState.ticketId, uiState.scope],
      set: { data, revision: sql`${uiState.revision} + 1`, updatedAt: now },
    })
    .returning();
  return row;
}

export async function deleteUiState(db: Db, ticketId: number, scope: string) {
  await db.delete(uiState).where(and(eq(uiState.ticketId, ticketId), eq(uiState.scope, scope)));
}

/** Remove every scope of a ticket that starts with one of `prefixes` (planning restarts clear downstream drafts). */
export async function deleteUiStateByPrefix(db: Db, ticketId: number, prefixes: readonly string[]) {
  for (const prefix of prefixes) {
    await db
      .delete(uiState)
      .where(and(eq(uiState.ticketId, ticketId), sql`substr(${uiState.scope}, 1, ${prefix.length}) = ${prefix}`));
  }
}

/** Compare-and-set write: succeeds only while the stored revision still equals `expected`. */
export async function updateUiStateIfRevision(
  db: Db,
  ticketId: number,
  scope: string,
  data: unknown,
  expected: number,
  now: string,
) {
  const [row] = await db
    .update(uiState)
    .set({ data, revision: expected + 1, updatedAt: now })
    .where(and(eq(uiState.ticketId, ticketId), eq(uiState.scope, scope), eq(uiState.revision, expected)))
    .returning();
  return row;
}

export async function selectTicketById(db: Db, id: number) {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
  return row;
}
