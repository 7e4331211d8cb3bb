import type { Db } from '../db/client.ts';
import { selectSession } from './store.ts';

/** workflow.md §4.4: after Continue, the next owned prompt body is replaced by exactly this. */
export const CONTINUE_PROMPT = 'continue please';

/** The owner slot of a prompt: which call of which phase, member, bead and iteration (§15 session ownership). */
interface PromptSlot {
  ticket: { id: number };
  phase: string;
  title: string;
  step?: string;
  memberId?: string | null;
  beadId?: string | null;
  iteration?: number | null;
  resume?: { sessionId: string };
}

/**
 * The preserved session a prompt may resume (§15: "reused only if the ticket is still in that phase … with a matching
 * continuation"): still `active` and opened by the same call (ticket, phase, member, bead, iteration and step). A
 * phase re-entered after Continue may make other calls first (a coverage loop re-audits before it revises again);
 * those, and any prompt once the session has answered, open a fresh session instead.
 */
export async function resumableSession(db: Db, run: PromptSlot): Promise<string | undefined> {
  if (!run.resume) return undefined;
  const row = await selectSession(db, run.resume.sessionId);
  const owned =
    row?.state === 'active' &&
    row.ticketId === run.ticket.id &&
    row.phase === run.phase &&
    row.step === (run.step ?? run.title) &&
    (row.memberId ?? null) === (run.memberId ?? null) &&
    (row.beadId ?? null) === (run.beadId ?? null) &&
    (row.iteration ?? null) === (run.iteration ?? null);
  return owned ? run.resume.sessionId : undefined;
}
