import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { PLANNING_STATUSES, TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketTransitions } from '../lifecycle/transitions.ts';
import { deleteUiStateByPrefix, type TicketRow } from '../tickets/store.ts';

export interface RestartDeps {
  db: Db;
  artifacts: ArtifactService;
  transitions: TicketTransitions;
  /** §4.8: a planning restart also clears all execution-setup state (execution/setup-state.ts, wired in context.ts). */
  clearExecutionSetup?: (ticket: TicketRow, reason: string) => Promise<unknown>;
}

/** The status a ticket is "at" for edit rules: BLOCKED_ERROR counts as the status it was blocked from (§4.6). */
export function effectiveStatus(row: TicketRow): TicketStatus | null {
  const status = TicketStatus.parse(row.status);
  return status === 'BLOCKED_ERROR' ? (TicketStatus.safeParse(row.previousStatus).data ?? null) : status;
}

/** The planning statuses from `from` on (inclusive), in workflow order. */
export const planningFrom = (from: TicketStatus) =>
  PLANNING_STATUSES.slice(Math.max(0, PLANNING_STATUSES.indexOf(from)));

/**
 * workflow.md §4.8 planning edit restart: archive every downstream planning attempt that has work, then move the
 * ticket to `restartTo` (DRAFTING_PRD after an interview edit, DRAFTING_BEADS after a PRD edit) and start it.
 * The caller has already aborted the running work and saved the edited document.
 */
export async function restartPlanning(
  deps: RestartDeps,
  ticket: TicketRow,
  restartTo: 'DRAFTING_PRD' | 'DRAFTING_BEADS',
  reason: string,
): Promise<TicketRow> {
  for (const downstream of planningFrom(restartTo)) {
    if ((await deps.artifacts.attempts(ticket, downstream)).length) {
      await deps.artifacts.roll(ticket, downstream, reason);
    }
  }
  // §4.8: downstream drafts and approval UI state go too. Clients name planning scopes after their document
  // (`prd-draft`, `beads-raw-draft`, `beads-fix-gaps`…), so a prefix names everything downstream of the edit.
  await deleteUiStateByPrefix(deps.db, ticket.id, restartTo === 'DRAFTING_PRD' ? ['prd', 'beads'] : ['beads']);
  await deps.clearExecutionSetup?.(ticket, reason);
  return deps.transitions.apply(ticket, {
    event: 'RESTART_PLANNING',
    reason,
    context: { previousStatus: TicketStatus.safeParse(ticket.previousStatus).data ?? null, restartTo },
    patch: { errorMessage: null, errorCodes: null },
  });
}
