import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { aiTurnMetrics, opencodeQuestions, opencodeSessions } from '../db/schema.ts';

export type SessionRow = typeof opencodeSessions.$inferSelect;
export type QuestionRow = typeof opencodeQuestions.$inferSelect;

export async function insertSession(db: Db, values: typeof opencodeSessions.$inferInsert) {
  const [row] = await db.insert(opencodeSessions).values(values).returning();
  return row;
}

export async function setSessionState(
  db: Db,
  sessionId: string,
  state: 'active' | 'completed' | 'abandoned',
  now: string,
) {
  await db.update(opencodeSessions).set({ state, updatedAt: now }).where(eq(opencodeSessions.sessionId, sessionId));
}

export async function selectSession(db: Db, sessionId: string) {
  const [row] = await db.select().from(opencodeSessions).where(eq(opencodeSessions.sessionId, sessionId));
  return row;
}

export function selectActiveSessions(db: Db, ticketId: number) {
  return db
    .select()
    .from(opencodeSessions)
    .where(and(eq(opencodeSessions.ticketId, ticketId), eq(opencodeSessions.state, 'active')));
}

export async function insertQuestion(db: Db, values: typeof opencodeQuestions.$inferInsert) {
  const [row] = await db.insert(opencodeQuestions).values(values).onConflictDoNothing().returning();
  return row;
}

export function selectQuestions(db: Db, ticketId: number, state?: string) {
  return db
    .select()
    .from(opencodeQuestions)
    .where(
      state
        ? and(eq(opencodeQuestions.ticketId, ticketId), eq(opencodeQuestions.state, state))
        : eq(opencodeQuestions.ticketId, ticketId),
    )
    .orderBy(opencodeQuestions.id);
}

export async function selectQuestion(db: Db, requestId: string) {
  const [row] = await db.select().from(opencodeQuestions).where(eq(opencodeQuestions.requestId, requestId));
  return row;
}

/** Resolve a pending question; returns undefined when it was no longer pending (someone else won). */
export async function resolveQuestion(
  db: Db,
  requestId: string,
  state: 'replied' | 'rejected',
  answers: unknown,
  now: string,
) {
  const [row] = await db
    .update(opencodeQuestions)
    .set({ state, answers, resolvedAt: now })
    .where(and(eq(opencodeQuestions.requestId, requestId), eq(opencodeQuestions.state, 'pending')))
    .returning();
  return row;
}

export async function insertTurnMetrics(db: Db, values: typeof aiTurnMetrics.$inferInsert) {
  await db.insert(aiTurnMetrics).values(values).onConflictDoNothing();
}
