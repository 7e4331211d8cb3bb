import { describe, expect, it } from 'vitest';
import { gateStateOf, hasVisitedView, type StatusInfo, uiViewOf, workingStatusOf } from './status-view.ts';

// A few catalogue rows as /api/workflow/meta serves them; only the fields the view reads differ between rows.
const row = (
  status: StatusInfo['status'],
  uiView: StatusInfo['uiView'],
  group: StatusInfo['group'],
  reviewArtifact: string | null,
): StatusInfo => ({
  status,
  order: 0,
  label: status,
  group,
  kanbanPhase: 'in_progress',
  needsInput: false,
  isGate: uiView === 'approval',
  inExecutionBand: false,
  ai: 'none',
  editable: true,
  reviewArtifact,
  progress: null,
  uiView,
  isTerminal: false,
});
const phases = [
  row('DRAFT', 'draft', 'todo', null),
  row('COUNCIL_DELIBERATING', 'council', 'interview', null),
  row('WAITING_INTERVIEW_ANSWERS', 'interview_qa', 'interview', null),
  row('WAITING_INTERVIEW_APPROVAL', 'approval', 'interview', 'interview'),
  row('DRAFTING_PRD', 'council', 'prd', null),
  row('WAITING_PRD_APPROVAL', 'approval', 'prd', 'prd'),
  row('DRAFTING_BEADS', 'council', 'beads', null),
  row('BLOCKED_ERROR', 'error', 'errors', null),
];
const ticket = (status: string, visited: string[], previousStatus: string | null = null) => ({
  status,
  previousStatus,
  visitedStatuses: [...visited, status],
});

describe('status view from the catalogue', () => {
  it('knows no view before the meta has loaded', () => {
    expect(uiViewOf([], 'DRAFT')).toBeNull();
    expect(uiViewOf(phases, 'DRAFT')).toBe('draft');
  });

  it.each<[string, ReturnType<typeof ticket>, 'interview' | 'prd', 'gate' | 'past' | null]>([
    ['waits at its own gate', ticket('WAITING_PRD_APPROVAL', ['DRAFTING_PRD']), 'prd', 'gate'],
    ['has not reached a later gate', ticket('WAITING_INTERVIEW_APPROVAL', []), 'prd', null],
    ['went past an earlier gate', ticket('DRAFTING_PRD', ['WAITING_INTERVIEW_APPROVAL']), 'interview', 'past'],
    ['is blocked after a gate', ticket('BLOCKED_ERROR', ['WAITING_PRD_APPROVAL'], 'DRAFTING_BEADS'), 'prd', 'past'],
  ])('a ticket that %s', (_, t, document, expected) => {
    expect(gateStateOf(phases, t, document)).toBe(expected);
  });

  it('works in the status it was blocked from', () => {
    expect(workingStatusOf(phases, ticket('BLOCKED_ERROR', ['DRAFTING_BEADS'], 'DRAFTING_BEADS'))?.group).toBe('beads');
    expect(workingStatusOf(phases, ticket('DRAFTING_PRD', []))?.group).toBe('prd');
  });

  it('tells which views of which group a ticket has been through', () => {
    const t = ticket('DRAFTING_PRD', ['COUNCIL_DELIBERATING']);
    expect(hasVisitedView(phases, t, 'council', 'interview')).toBe(true);
    expect(hasVisitedView(phases, t, 'council', 'beads')).toBe(false);
    expect(hasVisitedView(phases, t, 'interview_qa')).toBe(false);
  });
});
