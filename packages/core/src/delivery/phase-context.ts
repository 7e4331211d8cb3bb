import type { ArtifactService } from '../artifacts/service.ts';
import type { ProjectRow } from '../projects/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { Delivery } from './port.ts';

// What the delivery phases (§10.9, §10.10, §10.12) read from the runner's phase context: a subset, so any
// PhaseContext fits. Their ports are the artifact service and the ticket delivery.

export interface DeliveryPhaseContext {
  ticket: TicketRow;
  project: ProjectRow;
  phaseAttempt: number;
  signal: AbortSignal;
  /** The Start lock (workflow.md §1.2): who drafts the PR text, and its structured retry budget. */
  locked: { mainImplementer: string; mainImplementerVariant: string | null; structuredRetryCount: number };
  /** Read when the phase starts: the AI response timeout, in seconds (api speaks seconds). */
  settings: { councilResponseTimeout: number };
}

export interface DeliveryPhaseDeps {
  artifacts: ArtifactService;
  delivery: Delivery;
}

/** §14.2 artifact types written by the delivery phases (§17 point 10: `integration_report` is our name). */
export const DELIVERY_ARTIFACTS = {
  integration: 'integration_report',
  fileAudit: 'candidate_file_audit',
  candidateDiff: 'candidate_diff',
  pullRequest: 'pull_request_report',
  merge: 'merge_report',
  cleanup: 'cleanup_report',
} as const;

export function requireWorktree(ticket: TicketRow): string {
  if (!ticket.worktreePath) throw new Error(`${ticket.externalId} has no worktree; it was never started`);
  return ticket.worktreePath;
}

/** Parse a stored JSON artifact; null when it is missing or not an object. */
export function parseJsonObject(content: string | undefined): Record<string, unknown> | null {
  if (!content) return null;
  try {
    const value: unknown = JSON.parse(content);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : null;
  } catch {
    return null;
  }
}
