import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { projects, tickets } from '../db/schema.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type NewProjectRow = typeof projects.$inferInsert;

export async function insertProject(db: Db, values: NewProjectRow) {
  const [row] = await db.insert(projects).values(values).returning();
  return row;
}

export async function selectProject(db: Db, id: number) {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row;
}

export const selectProjects = (db: Db) => db.select().from(projects).orderBy(projects.id);

export async function selectProjectBy(db: Db, column: 'folderPath' | 'shortname', value: string) {
  const [row] = await db.select().from(projects).where(eq(projects[column], value));
  return row;
}

export async function updateProject(db: Db, id: number, values: Partial<NewProjectRow>) {
  const [row] = await db.update(projects).set(values).where(eq(projects.id, id)).returning();
  return row;
}

export async function deleteProject(db: Db, id: number) {
  await db.delete(projects).where(eq(projects.id, id));
}

/** Status counts per project, for ticketCount/activeTicketCount and the delete rule. */
export async function selectTicketStatusCounts(db: Db) {
  return db
    .select({ projectId: tickets.projectId, status: tickets.status, n: sql<number>`count(*)` })
    .from(tickets)
    .groupBy(tickets.projectId, tickets.status);
}
