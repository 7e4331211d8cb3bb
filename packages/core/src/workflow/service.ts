import { deleteTicketArtifacts } from '../artifacts/store.ts';
import type { Db } from '../db/client.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketService } from '../tickets/service.ts';
import { toTicket } from '../tickets/service.ts';
import { applyTransition } from './persistence.ts';
import type { CancelInput, WorkflowActionResult } from './schema.ts';

export function createWorkflowService(db: Db, clock: Clock, events: EventBus, tickets: TicketService) {
  return {
    /** workflow.md §4.5: cancel from any non-terminal status; the ticket row always stays. */
    async cancel(input: CancelInput): Promise<WorkflowActionResult> {
      const row = await tickets.resolve(input.id);
      const canceled = await applyTransition(db, events, clock, row, {
        event: 'CANCEL',
        reason: 'canceled by user',
        patch: { completedAt: clock.isoNow() },
      });
      if (input.deleteContent) await deleteTicketArtifacts(db, row.id);
      const ticket = toTicket(canceled);
      return { message: 'Ticket canceled', ticketId: ticket.id, status: ticket.status, ticket };
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
