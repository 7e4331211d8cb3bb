import type { RouterInputs } from '@looptroop/core';
import { api, CLEARED_UI_STATE } from './trpc.ts';

type ApproveInput = RouterInputs['ticketActions']['approvePrd'];
export type ApprovalGate = 'prd' | 'beads';

/** The ui-state scopes of a gate's autosaved drafts (lib/document-draft.ts), cleared once it is approved. */
export const DRAFT_SCOPES: Record<ApprovalGate, readonly string[]> = {
  prd: ['prd-draft'],
  beads: ['beads-draft', 'beads-raw-draft'],
};

/**
 * Approve a planning gate with the hash the user reviewed, and the optional reason of an approval with gaps
 * (workflow.md §8.5, §9.6: kept on the approval receipt; core's ApproveInput `reason`).
 */
export async function approveGate(
  gate: ApprovalGate,
  ticketId: string,
  expectedContentSha256: string,
  reason: string | null,
): Promise<void> {
  const body: ApproveInput = { id: ticketId, expectedContentSha256, ...(reason && { reason }) };
  if (gate === 'prd') await api.ticketActions.approvePrd.mutate(body);
  else await api.ticketActions.approveBeads.mutate(body);
  // Leftover drafts belong to the approved version: clear them (best effort, the approval already happened).
  await Promise.allSettled(
    DRAFT_SCOPES[gate].map((scope) => api.tickets.putUiState.mutate({ id: ticketId, scope, data: CLEARED_UI_STATE })),
  );
}
