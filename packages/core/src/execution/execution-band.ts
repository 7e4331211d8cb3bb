import { PhaseError } from '../lifecycle/phase.ts';
import { statusInfo, TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketRow } from '../tickets/store.ts';

// workflow.md §4.6: only one ticket per project may be in the execution band (PRE_FLIGHT_CHECK … CLEANING_ENV).
// The lock is taken by passing PRE_FLIGHT_CHECK and is checked there, before any of its work runs.

/**
 * Does this ticket hold its project's execution band? A ticket in a band status does.
 * Open point 9 (§17), decided: a BLOCKED_ERROR ticket blocked from a band status still holds it — its worktree,
 * branch and setup are mid-flight, and Retry or Continue resume straight into the band without a new check.
 * Except when it was blocked in PRE_FLIGHT_CHECK itself: the check never passed, so it never took the lock (and if
 * it counted, two tickets turned away by the same holder would then lock each other out forever).
 */
export function holdsExecutionBand(ticket: Pick<TicketRow, 'status' | 'previousStatus'>): boolean {
  const status = TicketStatus.parse(ticket.status);
  if (status !== 'BLOCKED_ERROR') return statusInfo(status).inExecutionBand;
  const previous = TicketStatus.safeParse(ticket.previousStatus);
  return previous.success && previous.data !== 'PRE_FLIGHT_CHECK' && statusInfo(previous.data).inExecutionBand;
}

/** The other ticket of the same project holding the band, if any (pure, over the project's tickets). */
export function findBandHolder(ticket: TicketRow, projectTickets: readonly TicketRow[]): TicketRow | undefined {
  return projectTickets.find(
    (other) => other.id !== ticket.id && other.projectId === ticket.projectId && holdsExecutionBand(other),
  );
}

/** PRE_FLIGHT_CHECK's concurrency check: the failure to block with when another ticket holds the band, else null. */
export function bandBusyError(ticket: TicketRow, projectTickets: readonly TicketRow[]): PhaseError | null {
  const holder = findBandHolder(ticket, projectTickets);
  if (!holder) return null;
  const holderStatus = TicketStatus.parse(holder.status);
  const where =
    holderStatus === 'BLOCKED_ERROR' ? `blocked in ${holder.previousStatus}` : `in ${statusInfo(holderStatus).label}`;
  return new PhaseError(
    `${holder.externalId} is already in the execution band of this project (${where}); only one ticket per project may be. Finish or cancel ${holder.externalId}, then retry.`,
    ['EXECUTION_BAND_BUSY'],
    { holderTicketId: holder.externalId, holderStatus, holderPreviousStatus: holder.previousStatus },
  );
}
