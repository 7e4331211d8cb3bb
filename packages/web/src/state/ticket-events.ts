import type { StreamMessage } from '../lib/stream.ts';

/** The part of a ticket the board's reducer reads and writes. */
export interface TicketLike<S extends string = string, K extends string = string> {
  id: string;
  status: S;
  previousStatus: S | null;
  statusLabel: string;
  kanbanPhase: K;
  workflowRevision: number;
}

/** One row of the status catalogue (`workflow.meta` phases). */
export interface StatusColumn<S extends string = string, K extends string = string> {
  status: S;
  label: string;
  kanbanPhase: K;
}

/**
 * Pure reducer: apply a `state_change` to a ticket list so a card moves columns at once, before the refetch that
 * follows. A stale event (a workflow revision the list already has, workflow.md §2) never moves a ticket backwards,
 * and a status missing from the catalogue is left to the refetch.
 */
export function applyStateChange<S extends string, K extends string, T extends TicketLike<S, K>>(
  tickets: readonly T[],
  message: StreamMessage,
  catalog: readonly StatusColumn<S, K>[],
): T[] {
  if (message.type !== 'state_change') return [...tickets];
  const { ticketId, to, previousStatus, workflowRevision } = message.data;
  const target = catalog.find((c) => c.status === to);
  if (!target) return [...tickets];
  return tickets.map((ticket) => {
    if (ticket.id !== ticketId) return ticket;
    if (workflowRevision !== undefined && workflowRevision <= ticket.workflowRevision) return ticket;
    return {
      ...ticket,
      status: target.status,
      previousStatus: catalog.find((c) => c.status === previousStatus)?.status ?? null,
      statusLabel: target.label,
      kanbanPhase: target.kanbanPhase,
      workflowRevision: workflowRevision ?? ticket.workflowRevision + 1,
    };
  });
}

/** Query-key prefixes an event makes stale (see lib/query-client.ts `keys`). */
export function staleKeys(message: StreamMessage): string[] {
  switch (message.type) {
    case 'state_change':
    case 'error':
      return [
        'ticket',
        'tickets',
        'interview',
        'artifacts',
        'opencode-questions',
        'review',
        'beads',
        'setup-plan',
        'bead-progress',
        'ticket-diff',
        'pull-request',
      ];
    case 'needs_input':
      return ['interview', 'opencode-questions'];
    case 'artifact_change':
      // A new plan version carries bead status (CONTRACTS 1), a `bead_diff:*` capture a bead's changes.
      return [
        'artifacts',
        'interview',
        'review',
        'beads',
        'setup-plan',
        'bead-progress',
        'bead-diff',
        'ticket-diff',
        'pull-request',
      ];
    case 'bead_complete':
    case 'progress':
      return ['ticket', 'tickets', 'beads', 'bead-progress', 'ticket-diff'];
    case 'log':
      return [];
    default: {
      const unhandled: never = message;
      return unhandled;
    }
  }
}

export const KANBAN_COLUMNS = ['todo', 'needs_input', 'in_progress', 'done'] as const;
export type KanbanColumn = (typeof KANBAN_COLUMNS)[number];
export const KANBAN_LABELS: Record<KanbanColumn, string> = {
  todo: 'To Do',
  needs_input: 'Needs Input',
  in_progress: 'In Progress',
  done: 'Done',
};

/** The four board columns in order (workflow.md §3 "Kanban"), each with its tickets. */
export function groupByColumn<T extends { kanbanPhase: string }>(
  tickets: readonly T[],
): { column: KanbanColumn; tickets: T[] }[] {
  return KANBAN_COLUMNS.map((column) => ({ column, tickets: tickets.filter((t) => t.kanbanPhase === column) }));
}
