import { type PhaseContext, type PhaseHandler, type PhaseOutcome, phaseNotAvailable } from '../lifecycle/phase.ts';
import type { TicketRow } from '../tickets/store.ts';
import { bandBusyError } from './execution-band.ts';

export interface PreflightDeps {
  /** The project's tickets as stored now: the band check reads who else is in the execution band. */
  projectTickets: (projectId: number) => Promise<TicketRow[]>;
}

/**
 * PRE_FLIGHT_CHECK (workflow.md §10.1). workflow.md §4.6: the one-ticket-per-project band check is its admission,
 * made before any pre-flight work (and before the context is built); passing it is what takes the band.
 */
export function preflightPhase(deps: PreflightDeps): PhaseHandler {
  const run = async (ctx: PhaseContext): Promise<PhaseOutcome> => {
    throw phaseNotAvailable(ctx.status);
  };
  const admit = async (ticket: TicketRow) => {
    const busy = bandBusyError(ticket, await deps.projectTickets(ticket.projectId));
    if (busy) throw busy;
    // The checks after the band are not built yet: stop at admission, as a status without a handler does, so a
    // ticket without its Start lock (reachable only through dev-event) blocks as before. The real pre-flight
    // replaces this line and `run`.
    throw phaseNotAvailable('PRE_FLIGHT_CHECK');
  };
  return Object.assign(run, { admit });
}
