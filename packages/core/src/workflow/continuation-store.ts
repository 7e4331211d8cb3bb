import type { Db } from '../db/client.ts';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { selectSession } from '../opencode/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import { type ContinueFacts, checkContinue, readContinuation } from './continuation.ts';
import { selectOpenOccurrence } from './error-store.ts';

/** Read what Continue is judged on: the open occurrence and the owned session row it names (DB only). */
export async function loadContinueFacts(db: Db, row: TicketRow): Promise<ContinueFacts> {
  const status = TicketStatus.parse(row.status);
  const base = { ticketId: row.id, status, previousStatus: row.previousStatus };
  if (status !== 'BLOCKED_ERROR') return { ...base, occurrence: undefined, session: undefined };
  const occurrence = await selectOpenOccurrence(db, row.id);
  const phase = TicketStatus.safeParse(row.previousStatus);
  const continuation =
    occurrence && phase.success
      ? readContinuation(occurrence.diagnostics, occurrence.errorMessage, phase.data)
      : undefined;
  const session = continuation ? await selectSession(db, continuation.sessionId) : undefined;
  return { ...base, occurrence, session };
}

/**
 * workflow.md §4.7: `continue` is a dynamic action. Ticket reads offer it from the stored facts only; the remote
 * "can OpenCode still read the session" probe runs when Continue is pressed (a board of tickets must not wait on
 * OpenCode), and a session that vanished meanwhile answers 409 there.
 */
export async function isContinueOffered(db: Db, row: TicketRow): Promise<boolean> {
  if (row.status !== 'BLOCKED_ERROR') return false;
  return checkContinue(await loadContinueFacts(db, row)).ok;
}
