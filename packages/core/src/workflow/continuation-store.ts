import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import type { PhaseContinuation } from '../lifecycle/phase.ts';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { selectSession, setSessionState } from '../opencode/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import { type ContinueFacts, checkContinue, readContinuation } from './continuation.ts';
import { selectErrorOccurrences, selectOpenOccurrence } from './error-store.ts';

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

/**
 * workflow.md §4.4 CONTINUE, on re-entry: the ticket's latest error was resolved CONTINUED into `status` and the
 * session it preserved is still an active session of this ticket in `status`. Once that session answered (its row
 * leaves `active`) or a newer error replaced the occurrence, there is nothing left to continue.
 */
export async function loadContinuation(
  db: Db,
  row: TicketRow,
  status: TicketStatus,
): Promise<PhaseContinuation | undefined> {
  const latest = (await selectErrorOccurrences(db, row.id)).at(-1);
  if (latest?.resolutionStatus !== 'CONTINUED' || latest.resumedToStatus !== status) return undefined;
  const continuation = readContinuation(latest.diagnostics, latest.errorMessage, status);
  if (!continuation) return undefined;
  const session = await selectSession(db, continuation.sessionId);
  if (session?.state !== 'active' || session.ticketId !== row.id || session.phase !== status) return undefined;
  return { sessionId: continuation.sessionId };
}

/** After the continued phase succeeded, its preserved session is done, even if no prompt went into it (§4.4). */
export async function closeContinuation(db: Db, clock: Clock, continuation: PhaseContinuation): Promise<void> {
  const session = await selectSession(db, continuation.sessionId);
  if (session?.state === 'active') await setSessionState(db, continuation.sessionId, 'completed', clock.isoNow());
}
