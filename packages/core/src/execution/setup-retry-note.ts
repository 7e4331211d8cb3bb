import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { conflict } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import { resolveOpenOccurrence, selectOpenOccurrence } from '../workflow/error-store.ts';
import { applyTransition } from '../workflow/persistence.ts';
import { MANUAL_NOTE_TYPE } from './setup-phase.ts';
import { PREPARING } from './setup-plan-store.ts';

/**
 * workflow.md §4.4 "Retry with extra note…" for PREPARING_EXECUTION_ENV: only on the live error, only with the
 * preserved setup session. The note text alone becomes the next prompt in that session and allows exactly one
 * attempt beyond the automatic budget; the attempt is not archived and the note is not kept as future context.
 * (CODING's variant belongs to the coding loop; until it exists a note for CODING is refused with 409.)
 */
export async function retrySetupWithNote(
  deps: { db: Db; events: EventBus; clock: Clock; artifacts: ArtifactService },
  row: TicketRow,
  note: string,
): Promise<TicketRow> {
  if (row.status !== 'BLOCKED_ERROR')
    throw conflict(`Only blocked tickets can be retried (this one is ${row.status})`, { status: row.status });
  if (row.previousStatus !== PREPARING)
    throw conflict(
      `Retry with a note is offered only for a blocked workspace setup (this ticket was blocked in ${row.previousStatus})`,
      {
        status: row.status,
        previousStatus: row.previousStatus,
      },
    );
  const occurrence = await selectOpenOccurrence(deps.db, row.id);
  const diagnostics = (occurrence?.diagnostics ?? {}) as Record<string, unknown>;
  const sessionId = typeof diagnostics.setupSessionId === 'string' ? diagnostics.setupSessionId : null;
  if (!sessionId)
    throw conflict('The setup session of this error was not preserved; use Retry without a note', {
      status: row.status,
    });
  await deps.artifacts.write(row, PREPARING, MANUAL_NOTE_TYPE, JSON.stringify({ note, sessionId, consumed: false }));
  const resumed = await applyTransition(deps.db, deps.events, deps.clock, row, {
    event: 'RETRY',
    reason: 'retried by user with a note',
    patch: { errorMessage: null, errorCodes: null },
  });
  await resolveOpenOccurrence(deps.db, row.id, {
    resolutionStatus: 'RETRIED',
    resumedToStatus: PREPARING,
    resolvedAt: deps.clock.isoNow(),
  });
  return resumed;
}
