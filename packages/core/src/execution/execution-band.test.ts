import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import type { TicketRow } from '../tickets/store.ts';
import { findBandHolder, holdsExecutionBand } from './execution-band.ts';

describe('holdsExecutionBand', () => {
  it.each<[TicketStatus, TicketStatus | null, boolean]>([
    // §4.6: the band statuses themselves
    ['PRE_FLIGHT_CHECK', 'WAITING_BEADS_APPROVAL', true],
    ['GENERATING_EXECUTION_SETUP_PLAN', 'PRE_FLIGHT_CHECK', true],
    ['WAITING_EXECUTION_SETUP_APPROVAL', null, true],
    ['PREPARING_EXECUTION_ENV', null, true],
    ['CODING', null, true],
    ['RUNNING_FINAL_TEST', null, true],
    ['GENERATING_QA_CHECKLIST', null, true],
    ['WAITING_MANUAL_QA', null, true],
    ['INTEGRATING_CHANGES', null, true],
    ['CREATING_PULL_REQUEST', null, true],
    ['WAITING_PR_REVIEW', null, true],
    ['CLEANING_ENV', null, true],
    // outside the band
    ['DRAFT', null, false],
    ['WAITING_BEADS_APPROVAL', null, false],
    ['DRAFTING_PRD', null, false],
    ['COMPLETED', 'CLEANING_ENV', false],
    ['CANCELED', 'CODING', false],
    // §17 open point 9: blocked from a band status still holds it…
    ['BLOCKED_ERROR', 'CODING', true],
    ['BLOCKED_ERROR', 'WAITING_PR_REVIEW', true],
    ['BLOCKED_ERROR', 'PREPARING_EXECUTION_ENV', true],
    // …except blocked in PRE_FLIGHT_CHECK, which never took the lock
    ['BLOCKED_ERROR', 'PRE_FLIGHT_CHECK', false],
    ['BLOCKED_ERROR', 'REFINING_PRD', false],
    ['BLOCKED_ERROR', null, false],
  ])('%s (previous %s) → %s', (status, previousStatus, expected) => {
    expect(holdsExecutionBand({ status, previousStatus })).toBe(expected);
  });
});

const row = (id: number, projectId: number, status: TicketStatus, previousStatus: TicketStatus | null = null) =>
  ({ id, projectId, externalId: `T-${id}`, status, previousStatus }) as TicketRow; // only these fields are read

describe('findBandHolder', () => {
  const incoming = row(1, 10, 'PRE_FLIGHT_CHECK');

  it('names another ticket of the same project in the band', () => {
    const holder = row(2, 10, 'CODING');
    expect(findBandHolder(incoming, [incoming, row(3, 10, 'DRAFTING_PRD'), holder])).toBe(holder);
  });

  it('ignores the ticket itself, other projects and tickets outside the band', () => {
    expect(findBandHolder(incoming, [incoming, row(2, 11, 'CODING'), row(3, 10, 'COMPLETED')])).toBeUndefined();
  });

  it('lets two tickets turned away by the check not block each other later', () => {
    const other = row(2, 10, 'BLOCKED_ERROR', 'PRE_FLIGHT_CHECK');
    expect(findBandHolder(incoming, [incoming, other])).toBeUndefined();
  });
});
