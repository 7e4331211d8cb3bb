import { statusInfo, type TicketStatus } from '../workflow/statuses.ts';
import type { TicketAction } from './schema.ts';

type Action = import('zod').infer<typeof TicketAction>;

/** workflow.md §4.7: the static actions each status offers. */
export function availableActions(status: TicketStatus): Action[] {
  const info = statusInfo(status);
  if (info.isTerminal) return [];
  if (status === 'DRAFT') return ['start', 'cancel'];
  if (info.isGate) return ['approve', 'cancel'];
  if (status === 'WAITING_PR_REVIEW') return ['merge', 'close_unmerged', 'cancel'];
  if (status === 'BLOCKED_ERROR') return ['retry', 'cancel'];
  return ['cancel'];
}
