import type { StreamMessage } from '../lib/stream.ts';

export interface TicketLike {
  id: string;
  status: string;
  previousStatus: string | null;
  statusLabel: string;
  kanbanPhase: string;
  workflowRevision: number;
}

export interface StatusColumns {
  [status: string]: { label: string; kanbanPhase: string } | undefined;
}

/**
 * Pure reducer: apply a `state_change` to a ticket list so a card moves columns at once, before the refetch that
 * follows. Stale events (an older workflow revision) never move a ticket backwards.
 */
export function applyStateChange<T extends TicketLike>(
  tickets: readonly T[],
  message: StreamMessage,
  columns: StatusColumns,
): T[] {
  if (message.type !== 'state_change') return [...tickets];
  const { ticketId, to, previousStatus, workflowRevision } = message.data as {
    ticketId: string;
    to: string;
    previousStatus: string | null;
    workflowRevision?: number;
  };
  return tickets.map((ticket) => {
    if (ticket.id !== ticketId) return ticket;
    if (workflowRevision !== undefined && workflowRevision <= ticket.workflowRevision) return ticket;
    const column = columns[to];
    return {
      ...ticket,
      status: to,
      previousStatus,
      statusLabel: column?.label ?? to,
      kanbanPhase: column?.kanbanPhase ?? ticket.kanbanPhase,
      workflowRevision: workflowRevision ?? ticket.workflowRevision + 1,
    };
  });
}

/** Which cached queries an event makes stale (the ticket page refetches these). */
export function staleKeys(message: StreamMessage): string[] {
  switch (message.type) {
    case 'state_change':
    case 'error':
      return ['ticket', 'tickets', 'interview', 'artifacts'];
    case 'needs_input':
      return ['interview', 'opencode-questions'];
    case 'artifact_change':
      return ['artifacts', 'interview'];
    default:
      return [];
  }
}

const KANBAN_ORDER = ['todo', 'needs_input', 'in_progress', 'done'] as const;
export const KANBAN_LABELS: Record<(typeof KANBAN_ORDER)[number], string> = {
  todo: 'To Do',
  needs_input: 'Needs Input',
  in_progress: 'In Progress',
  done: 'Done',
};

export function groupByColumn<T extends TicketLike>(
  tickets: readonly T[],
): { column: (typeof KANBAN_ORDER)[number]; tickets: T[] }[] {
  return KANBAN_ORDER.map((column) => ({ column, tickets: tickets.filter((t) => t.kanbanPhase === column) }));
}
