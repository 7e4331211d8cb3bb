import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { artifacts, phaseAttempts } from '../db/schema.ts';

/** Remove every AI-generated artifact and phase attempt of a ticket (cancel with deleteContent). */
export async function deleteTicketArtifacts(db: Db, ticketId: number) {
  await db.transaction(async (tx) => {
    await tx.delete(artifacts).where(eq(artifacts.ticketId, ticketId));
    await tx.delete(phaseAttempts).where(eq(phaseAttempts.ticketId, ticketId));
  });
}
