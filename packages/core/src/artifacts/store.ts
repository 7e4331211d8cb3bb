import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { artifacts, phaseAttempts } from '../db/schema.ts';

/** Remove every AI-generated artifact and phase attempt of a ticket (cancel with deleteContent). */
export async function deleteTicketArtifacts(db: Db, ticketId: number) {
  await db.transaction(async (tx) => {
    await tx.delete(artifacts).where(eq(artifacts.ticketId, ticketId));
    await tx.delete(phaseAttempts).where(eq(phaseAttempts.ticketId, ticketId));
  });
}

export type ArtifactRow = typeof artifacts.$inferSelect;
export type PhaseAttemptRow = typeof phaseAttempts.$inferSelect;

export function selectArtifacts(
  db: Db,
  ticketId: number,
  filter: { phase?: string; phaseAttempt?: number; artifactType?: string },
) {
  const conditions = [
    eq(artifacts.ticketId, ticketId),
    filter.phase !== undefined ? eq(artifacts.phase, filter.phase) : undefined,
    filter.phaseAttempt !== undefined ? eq(artifacts.phaseAttempt, filter.phaseAttempt) : undefined,
    filter.artifactType !== undefined ? eq(artifacts.artifactType, filter.artifactType) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(artifacts)
    .where(and(...conditions))
    .orderBy(asc(artifacts.id));
}

export async function insertArtifact(db: Db, values: typeof artifacts.$inferInsert) {
  const [row] = await db.insert(artifacts).values(values).returning();
  return row;
}

export async function updateArtifactContent(db: Db, id: number, content: string, contentSha256: string, now: string) {
  const [row] = await db
    .update(artifacts)
    .set({ content, contentSha256, updatedAt: now })
    .where(eq(artifacts.id, id))
    .returning();
  return row;
}

export function selectPhaseAttempts(db: Db, ticketId: number, phase: string) {
  return db
    .select()
    .from(phaseAttempts)
    .where(and(eq(phaseAttempts.ticketId, ticketId), eq(phaseAttempts.phase, phase)))
    .orderBy(asc(phaseAttempts.attemptNumber));
}

/** Insert attempt 1 if the phase has none; a concurrent insert of the same attempt is ignored. */
export async function ensureFirstAttempt(db: Db, ticketId: number, phase: string, now: string) {
  await db
    .insert(phaseAttempts)
    .values({ ticketId, phase, attemptNumber: 1, state: 'active', createdAt: now })
    .onConflictDoNothing();
}

/** Archive the active attempt and open the next, in one short transaction. Returns the new number. */
export async function rollPhaseAttempt(db: Db, ticketId: number, phase: string, reason: string, now: string) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(phaseAttempts)
      .where(and(eq(phaseAttempts.ticketId, ticketId), eq(phaseAttempts.phase, phase)));
    const next = rows.reduce((max, r) => Math.max(max, r.attemptNumber), 0) + 1;
    await tx
      .update(phaseAttempts)
      .set({ state: 'archived', archivedReason: reason, archivedAt: now })
      .where(
        and(eq(phaseAttempts.ticketId, ticketId), eq(phaseAttempts.phase, phase), eq(phaseAttempts.state, 'active')),
      );
    await tx.insert(phaseAttempts).values({ ticketId, phase, attemptNumber: next, state: 'active', createdAt: now });
    return next;
  });
}
