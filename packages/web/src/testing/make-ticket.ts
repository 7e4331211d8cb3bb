import type { Ticket } from '../lib/trpc.ts';

/** A DRAFT ticket as `tickets.get` returns it, for component tests. */
export function makeTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'DEMO-1',
    externalId: 'DEMO-1',
    projectId: 1,
    title: 'Add SSO login',
    description: '',
    priority: 3,
    status: 'DRAFT',
    previousStatus: null,
    statusLabel: 'Backlog',
    kanbanPhase: 'todo',
    workflowRevision: 0,
    visitedStatuses: ['DRAFT'],
    availableActions: ['start', 'cancel'],
    branchName: null,
    baseBranch: null,
    manualQaOverride: null,
    gitHookPolicy: null,
    lockedSettings: null,
    currentBead: null,
    totalBeads: null,
    percentComplete: null,
    errorMessage: null,
    errorCodes: [],
    startedAt: null,
    completedAt: null,
    createdAt: '2026-04-23T09:00:00.000Z',
    updatedAt: '2026-04-23T09:00:00.000Z',
    ...over,
  };
}
