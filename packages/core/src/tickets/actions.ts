import { statusInfo, type TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketAction } from './schema.ts';

type Action = import('zod').infer<typeof TicketAction>;

/** Facts about the ticket beyond its status that dynamic actions depend on. */
export interface ActionFacts {
  /** BLOCKED_ERROR only: the open error can resume its preserved agent session (workflow/continuation.ts). */
  canContinue?: boolean;
}

/** workflow.md §4.7: the static actions each status offers, plus the dynamic `continue` of BLOCKED_ERROR. */
export function availableActions(status: TicketStatus, facts: ActionFacts = {}): Action[] {
  const info = statusInfo(status);
  if (info.isTerminal) return [];
  if (status === 'DRAFT') return ['start', 'cancel'];
  if (info.isGate) return ['approve', 'cancel'];
  if (status === 'WAITING_PR_REVIEW') return ['merge', 'close_unmerged', 'cancel'];
  if (status === 'BLOCKED_ERROR') return facts.canContinue ? ['retry', 'continue', 'cancel'] : ['retry', 'cancel'];
  return ['cancel'];
}
