import type { ArtifactService } from '../artifacts/service.ts';
import { conflict } from '../errors.ts';
import type { TicketRow } from '../tickets/store.ts';
import { MANUAL_NOTE_TYPE } from './setup-phase.ts';
import { PREPARING } from './setup-plan-store.ts';

/**
 * workflow.md §4.4 "Retry with extra note…" for PREPARING_EXECUTION_ENV: only on the live error, only with the
 * preserved setup session. The note text alone becomes the next prompt in that session and allows exactly one
 * attempt beyond the automatic budget; the attempt is not archived and the note is not kept as future context.
 * This records the note for the setup phase; the workflow service then resumes the ticket (no new attempt).
 * (CODING's variant belongs to the coding loop; until it exists a note for CODING is refused with 409.)
 */
export async function recordSetupRetryNote(
  artifacts: ArtifactService,
  row: TicketRow,
  note: string,
  /** The open error occurrence's diagnostics (the setup phase leaves `setupSessionId` there). */
  diagnostics: unknown,
): Promise<void> {
  if (row.previousStatus !== PREPARING)
    throw conflict(
      `Retry with a note is offered only for a blocked workspace setup (this ticket was blocked in ${row.previousStatus})`,
      { status: row.status, previousStatus: row.previousStatus },
    );
  const sessionId =
    typeof diagnostics === 'object' && diagnostics !== null && 'setupSessionId' in diagnostics
      ? diagnostics.setupSessionId
      : null;
  if (typeof sessionId !== 'string')
    throw conflict('The setup session of this error was not preserved; use Retry without a note', {
      status: row.status,
    });
  await artifacts.write(row, PREPARING, MANUAL_NOTE_TYPE, JSON.stringify({ note, sessionId, consumed: false }));
}
