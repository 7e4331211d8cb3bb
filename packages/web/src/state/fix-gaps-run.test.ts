import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../lib/stream.ts';
import {
  coverageKey,
  type FixGapsInput,
  type FixGapsRun,
  isFixBusy,
  readStoredRun,
  reduceFixGaps,
} from './fix-gaps-run.ts';

const GAP = 'Idle sessions are not covered.';
const since = '2026-11-29T12:00:00.000Z';
const later = '2026-11-29T12:00:05.000Z';
const earlier = '2026-11-29T11:59:00.000Z';
const capped = {
  passes: [
    { runNumber: 1, status: 'gaps' as const, gaps: [GAP], revised: true },
    { runNumber: 2, status: 'gaps' as const, gaps: [GAP], revised: false },
  ],
  maxPasses: 2,
  status: 'gaps' as const,
  limitReached: true,
  terminationReason: 'coverage_pass_limit_reached',
  gaps: [GAP],
};
const clean = {
  ...capped,
  passes: [...capped.passes, { runNumber: 3, status: 'clean' as const, gaps: [], revised: false }],
  status: 'clean' as const,
  limitReached: false,
  terminationReason: 'fix_gaps_clean',
  gaps: [],
};
const running: FixGapsRun = {
  phase: 'running',
  gaps: [GAP],
  since,
  coverageKey: coverageKey(capped),
  stage: 'revising',
  lastStep: null,
};

const error = (timestamp: string, codes: string[]): StreamMessage => ({
  id: 9,
  type: 'error',
  data: {
    ticketId: 'A-1',
    timestamp,
    phase: 'WAITING_PRD_APPROVAL',
    message: 'Fixing the prd gaps failed: boom',
    codes,
  },
});
const needsInput = (timestamp: string, type = 'prd_approval'): StreamMessage => ({
  id: 10,
  type: 'needs_input',
  data: { ticketId: 'A-1', timestamp, type, message: 'Gap fix done; coverage is clean' },
});
const milestone = (timestamp: string, phase = 'VERIFYING_PRD_COVERAGE'): StreamMessage => ({
  id: 11,
  type: 'log',
  data: {
    ticketId: 'A-1',
    timestamp,
    type: 'info',
    phase,
    message: 'Fix gaps: v2 → v3, 0 gaps left',
    source: 'system',
    kind: 'milestone',
    op: 'append',
  },
});
const event = (message: StreamMessage): FixGapsInput => ({ type: 'event', message });

describe('reduceFixGaps (PRD)', () => {
  const reduce = (run: FixGapsRun, input: FixGapsInput) => reduceFixGaps(run, input, 'prd');

  it.each<[string, FixGapsRun, FixGapsInput, FixGapsRun['phase']]>([
    ['a request starts', { phase: 'idle' }, { type: 'requested' }, 'starting'],
    ['a second request while running changes nothing', running, { type: 'requested' }, 'running'],
    ['202: the fix runs', { phase: 'starting' }, { type: 'started', gaps: [GAP], since, coverageKey: 'k' }, 'running'],
    ['200 started:false: nothing to fix', { phase: 'starting' }, { type: 'not-needed', message: 'none' }, 'done'],
    ['a refusal is shown', { phase: 'starting' }, { type: 'refused', message: 'no' }, 'failed'],
    ['the same coverage keeps it running', running, { type: 'coverage', coverage: capped }, 'running'],
    [
      'a new coverage pass does not end it yet (the server still holds the fix)',
      running,
      { type: 'coverage', coverage: clean },
      'running',
    ],
    ['FIX_GAPS_FAILED ends it as a failure', running, event(error(later, ['FIX_GAPS_FAILED'])), 'failed'],
    ['an older failure belongs to an earlier run', running, event(error(earlier, ['FIX_GAPS_FAILED'])), 'running'],
    ['another error is not the fix', running, event(error(later, ['OTHER'])), 'running'],
    ['"Gap fix done" ends it', running, event(needsInput(later)), 'done'],
    ['the other domain\'s "done" does not', running, event(needsInput(later, 'beads_approval')), 'running'],
    ['leaving the gate forgets it', running, { type: 'left-gate' }, 'idle'],
    ['a running fix cannot be dismissed', running, { type: 'dismissed' }, 'running'],
    ['a failure can be dismissed', { phase: 'failed', message: 'x' }, { type: 'dismissed' }, 'idle'],
    [
      'events after the end change nothing',
      { phase: 'done', message: 'x' },
      event(error(later, ['FIX_GAPS_FAILED'])),
      'done',
    ],
  ])('%s', (_, run, input, phase) => {
    expect(reduce(run, input).phase).toBe(phase);
  });

  it('moves to its last stage on the new coverage pass, and ends with the server message', () => {
    const finishing = reduce(running, { type: 'coverage', coverage: clean });
    expect(finishing).toMatchObject({ phase: 'running', stage: 'finishing', coverageKey: coverageKey(clean) });
    expect(reduce(finishing, event(needsInput(later)))).toEqual({
      phase: 'done',
      message: 'Gap fix done; coverage is clean',
    });
    expect(reduce(running, event(error(later, ['FIX_GAPS_FAILED'])))).toEqual({
      phase: 'failed',
      message: 'Fixing the prd gaps failed: boom',
    });
  });

  it('shows the milestones the fix logs in its coverage phase', () => {
    expect(reduce(running, event(milestone(later)))).toMatchObject({
      phase: 'running',
      lastStep: 'Fix gaps: v2 → v3, 0 gaps left',
    });
    expect(reduce(running, event(milestone(later, 'DRAFTING_BEADS')))).toEqual(running);
  });

  it('keeps Approve and Save waiting while it starts and runs, not after', () => {
    expect([{ phase: 'starting' } as const, running].every(isFixBusy)).toBe(true);
    expect(isFixBusy({ phase: 'failed', message: 'x' })).toBe(false);
  });
});

describe('reduceFixGaps (beads)', () => {
  const reduce = (run: FixGapsRun, input: FixGapsInput) => reduceFixGaps(run, input, 'beads');

  it('keeps running through the expansion after the audit, until its own done event', () => {
    const finishing = reduce(running, { type: 'coverage', coverage: clean });
    expect(finishing).toMatchObject({ phase: 'running', stage: 'finishing' });
    expect(reduce(finishing, event(needsInput(later))).phase).toBe('running');
    expect(reduce(finishing, event(needsInput(later, 'beads_approval'))).phase).toBe('done');
  });
});

describe('readStoredRun', () => {
  const now = Date.parse(later);
  it('restores a recent run and forgets an old or foreign one', () => {
    expect(readStoredRun({ since, gaps: [GAP], coverageKey: 'k' }, now, 60_000)).toEqual({
      since,
      gaps: [GAP],
      coverageKey: 'k',
    });
    expect(readStoredRun({ since, gaps: [GAP], coverageKey: 'k' }, now, 1_000)).toBeNull();
    expect(readStoredRun({ requested: true }, now, 60_000)).toBeNull();
    expect(readStoredRun(null, now, 60_000)).toBeNull();
  });
});
