import { statusInfo, type TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketAction } from './schema.ts';

type Action = import('zod').infer<typeof TicketAction>;

/** Facts about the ticket beyond its status that dynamic actions depend on. */
export interface ActionFacts {
  /** BLOCKED_ERROR only: the open error can resume its preserved agent session (workflow/continuation.ts). */
  canContinue?: boolean;
  /** BLOCKED_ERROR only: the status the ticket was blocked in. */
  blockedFrom?: TicketStatus | null;
}

/**
 * workflow.md §4.7: the static actions each status offers, plus the dynamic ones of BLOCKED_ERROR: `continue`, and
 * `edit_execution_setup_plan` when the workspace setup was what blocked (§4.4 "Edit setup plan…").
 */
export function availableActions(status: TicketStatus, facts: ActionFacts = {}): Action[] {
  const info = statusInfo(status);
  if (info.isTerminal) return [];
  if (status === 'DRAFT') return ['start', 'cancel'];
  if (info.isGate) return ['approve', 'cancel'];
  if (status === 'WAITING_PR_REVIEW') return ['merge', 'close_unmerged', 'cancel'];
  if (status === 'BLOCKED_ERROR')
    return [
      'retry',
      ...(facts.canContinue ? (['continue'] as const) : []),
      ...(facts.blockedFrom === 'PREPARING_EXECUTION_ENV' ? (['edit_execution_setup_plan'] as const) : []),
      'cancel',
    ];
  return ['cancel'];
}
