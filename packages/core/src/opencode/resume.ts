import type { Db } from '../db/client.ts';
import { selectSession } from './store.ts';

/** workflow.md §4.4: after Continue, the next owned prompt body is replaced by exactly this. */
export const CONTINUE_PROMPT = 'continue please';

/**
 * The preserved session a prompt may resume (§15: "reused only if the ticket is still in that phase … with a matching
 * continuation"): still `active`, owned by this ticket, phase and council member. Anything else means the session
 * already answered or belongs to another call, and the prompt opens a fresh one.
 */
export async function resumableSession(
  db: Db,
  run: { ticket: { id: number }; phase: string; memberId?: string | null; resume?: { sessionId: string } },
): Promise<string | undefined> {
  if (!run.resume) return undefined;
  const row = await selectSession(db, run.resume.sessionId);
  const owned =
    row?.state === 'active' &&
    row.ticketId === run.ticket.id &&
    row.phase === run.phase &&
    (row.memberId ?? null) === (run.memberId ?? null);
  return owned ? run.resume.sessionId : undefined;
}
