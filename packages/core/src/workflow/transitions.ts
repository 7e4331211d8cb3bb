import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketTransitions } from '../lifecycle/transitions.ts';
import type { TicketRow } from '../tickets/store.ts';
import { applyTransition } from './persistence.ts';
import type { Runner } from './runner.ts';

export interface TransitionsDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  runner: Runner;
  /** Ticket ref (`SMP-12`, `1:SMP-12`) → row, 404 when unknown. */
  resolve: (ref: string) => Promise<TicketRow>;
}

/** The transitions port over the real persistence (one short transaction per event) and the phase runner. */
export function createTransitions(deps: TransitionsDeps): TicketTransitions {
  const { db, events, clock, runner } = deps;

  async function apply(ticket: TicketRow, request: Parameters<TicketTransitions['apply']>[1]): Promise<TicketRow> {
    const moved = await applyTransition(db, events, clock, ticket, request);
    // Waiting statuses start nothing: the runner sees that and returns at once.
    runner.kick(moved.id);
    return moved;
  }

  return {
    apply,
    abort: (ticket) => runner.abort(ticket),
    async move(ref, step) {
      let ticket = await deps.resolve(ref);
      step.check(ticket);
      if (step.abort) {
        await runner.abort(ticket);
        // The work may have applied its own event before it stopped: write against the ticket as it is now.
        ticket = await deps.resolve(ref);
      }
      const request = await step.write(ticket);
      return request ? apply(ticket, request) : ticket;
    },
  };
}
