import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ticketStatusHistory, tickets } from '../db/schema.ts';
import { conflict } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { transition } from '../lifecycle/machine.ts';
import { TicketStatus } from '../lifecycle/statuses.ts';
import type { TransitionRequest } from '../lifecycle/transitions.ts';
import type { TicketRow } from '../tickets/store.ts';

/**
 * Apply one workflow event to a ticket: the pure machine decides, then one short DB-only transaction writes
 * status, previousStatus, revision, visited statuses, the history row and the `state_change` event; subscribers
 * are notified after commit. A concurrent change of the same ticket makes the guarded update miss → 409.
 */
export async function applyTransition(
  db: Db,
  events: EventBus,
  clock: Clock,
  row: TicketRow,
  request: TransitionRequest,
): Promise<TicketRow> {
  const from = TicketStatus.parse(row.status);
  const result = transition(from, request.event, {
    previousStatus: row.previousStatus ? TicketStatus.parse(row.previousStatus) : null,
    ...request.context,
  });
  if (!result.ok) {
    throw conflict(`Cannot ${request.event.toLowerCase().replaceAll('_', ' ')} a ticket in ${from}`, {
      status: from,
      event: request.event,
      reason: result.reason,
    });
  }
  const now = clock.isoNow();
  const visited = TicketStatus.array().catch([]).parse(row.visitedStatuses);
  const revision = row.workflowRevision + 1;
  const { updated, event } = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(tickets)
      .set({
        ...request.patch,
        status: result.to,
        previousStatus: from,
        workflowRevision: revision,
        visitedStatuses: visited.at(-1) === result.to ? visited : [...visited, result.to],
        updatedAt: now,
      })
      .where(and(eq(tickets.id, row.id), eq(tickets.workflowRevision, row.workflowRevision)))
      .returning();
    if (!updated) return { updated: undefined, event: undefined };
    await tx.insert(ticketStatusHistory).values({
      ticketId: row.id,
      fromStatus: from,
      toStatus: result.to,
      event: request.event,
      reason: request.reason ?? null,
      workflowRevision: revision,
      changedAt: now,
    });
    const event = await events.record(tx, 'state_change', {
      ticketId: row.externalId,
      from,
      to: result.to,
      previousStatus: from,
      workflowRevision: revision,
      timestamp: now,
    });
    return { updated, event };
  });
  if (!updated || !event) {
    throw conflict('The ticket changed while this action ran; reload and try again', { ticketId: row.externalId });
  }
  events.notify(event);
  return updated;
}
