import type { WorkflowMeta } from '../lib/trpc.ts';

// Issue 11 item 2: the web decides what to show from the status catalogue (GET /api/workflow/meta: ui view, review
// artifact, group, terminal) instead of naming statuses; a new status is a new catalogue row, not a new branch here.

export type StatusInfo = WorkflowMeta['phases'][number];
export type UiView = StatusInfo['uiView'];
export type ReviewedDocument = 'interview' | 'prd' | 'beads';

interface TicketStatuses {
  status: string;
  previousStatus: string | null;
  visitedStatuses: readonly string[];
}

/** The catalogue row of a status; undefined until the meta has loaded. */
export const statusInfoOf = (phases: readonly StatusInfo[], status: string | null) =>
  status === null ? undefined : phases.find((p) => p.status === status);

/** The ui view of a status; null until the meta has loaded. */
export const uiViewOf = (phases: readonly StatusInfo[], status: string | null): UiView | null =>
  statusInfoOf(phases, status)?.uiView ?? null;

/** The status a ticket works in: a blocked ticket counts as the status it was blocked from (planning/restart.ts). */
export const workingStatusOf = (phases: readonly StatusInfo[], ticket: TicketStatuses) =>
  uiViewOf(phases, ticket.status) === 'error'
    ? statusInfoOf(phases, ticket.previousStatus)
    : statusInfoOf(phases, ticket.status);

/**
 * Where a ticket stands towards the approval gate of a document: `gate` while it waits there, `past` once it went
 * through it (the view stays, read-only), null before.
 */
export function gateStateOf(
  phases: readonly StatusInfo[],
  ticket: TicketStatuses,
  document: ReviewedDocument,
): 'gate' | 'past' | null {
  const isGate = (info: StatusInfo | undefined) => info?.uiView === 'approval' && info.reviewArtifact === document;
  if (isGate(statusInfoOf(phases, ticket.status))) return 'gate';
  return ticket.visitedStatuses.some((s) => isGate(statusInfoOf(phases, s))) ? 'past' : null;
}

/** True once the ticket has been in a status of this view (optionally of this group). */
export const hasVisitedView = (
  phases: readonly StatusInfo[],
  ticket: TicketStatuses,
  view: UiView,
  group?: StatusInfo['group'],
) =>
  ticket.visitedStatuses.some((s) => {
    const info = statusInfoOf(phases, s);
    return info?.uiView === view && (group === undefined || info.group === group);
  });
