import { type PhaseHandler, phaseNotAvailable } from '../lifecycle/phase.ts';
import type { TicketRow } from '../tickets/store.ts';
import { bandBusyError } from './execution-band.ts';

export interface PreflightDeps {
  /** The project's tickets as stored now: the band check reads who else is in the execution band. */
  projectTickets: (projectId: number) => Promise<TicketRow[]>;
}

/**
 * PRE_FLIGHT_CHECK (workflow.md §10.1). workflow.md §4.6: the one-ticket-per-project band check comes before any
 * pre-flight work, and passing it is what takes the band. The checks after it are not built yet, so the ticket then
 * stops with PHASE_NOT_AVAILABLE, as a status without a handler does.
 */
export function preflightPhase(deps: PreflightDeps): PhaseHandler {
  return async (ctx) => {
    const busy = bandBusyError(ctx.ticket, await deps.projectTickets(ctx.ticket.projectId));
    if (busy) throw busy;
    throw phaseNotAvailable(ctx.status);
  };
}
