import { describe, expect, it } from 'vitest';
import { type TimelineInput, timelineSteps } from './timeline.ts';

const groups = [
  { id: 'todo', label: 'To Do', statuses: ['DRAFT'] },
  { id: 'discovery', label: 'Discovery', statuses: ['SCANNING_RELEVANT_FILES'] },
  { id: 'interview', label: 'Interview', statuses: ['COUNCIL_DELIBERATING', 'WAITING_INTERVIEW_ANSWERS'] },
  { id: 'prd', label: 'Specs (PRD)', statuses: ['DRAFTING_PRD'] },
  { id: 'done', label: 'Done', statuses: ['COMPLETED', 'CANCELED'] },
  { id: 'errors', label: 'Errors', statuses: ['BLOCKED_ERROR'] },
];
const input = (over: Partial<TimelineInput>): TimelineInput => ({
  groups,
  visitedStatuses: ['DRAFT'],
  status: 'DRAFT',
  previousStatus: null,
  isTerminal: false,
  isBlocked: false,
  ...over,
});
const states = (over: Partial<TimelineInput>) => timelineSteps(input(over)).map((s) => `${s.id}:${s.state}`);

describe('timelineSteps', () => {
  it.each<[string, Partial<TimelineInput>, string[]]>([
    [
      'a draft is at the first step',
      {},
      ['todo:current', 'discovery:upcoming', 'interview:upcoming', 'prd:upcoming', 'done:upcoming'],
    ],
    [
      'an interviewing ticket has done the earlier groups',
      {
        visitedStatuses: ['DRAFT', 'SCANNING_RELEVANT_FILES', 'COUNCIL_DELIBERATING', 'WAITING_INTERVIEW_ANSWERS'],
        status: 'WAITING_INTERVIEW_ANSWERS',
      },
      ['todo:done', 'discovery:done', 'interview:current', 'prd:upcoming', 'done:upcoming'],
    ],
    [
      'a blocked ticket is blocked on the group it stopped in',
      {
        visitedStatuses: ['DRAFT', 'SCANNING_RELEVANT_FILES', 'BLOCKED_ERROR'],
        status: 'BLOCKED_ERROR',
        isBlocked: true,
        previousStatus: 'SCANNING_RELEVANT_FILES',
      },
      ['todo:done', 'discovery:blocked', 'interview:upcoming', 'prd:upcoming', 'done:upcoming'],
    ],
    [
      'a canceled ticket skipped what it never reached',
      { visitedStatuses: ['DRAFT', 'CANCELED'], status: 'CANCELED', previousStatus: 'DRAFT', isTerminal: true },
      ['todo:done', 'discovery:skipped', 'interview:skipped', 'prd:skipped', 'done:current'],
    ],
  ])('%s', (_name, over, expected) => {
    expect(states(over)).toEqual(expected);
  });

  it('lists the statuses each group went through, once each', () => {
    const steps = timelineSteps(
      input({
        visitedStatuses: ['DRAFT', 'COUNCIL_DELIBERATING', 'WAITING_INTERVIEW_ANSWERS', 'COUNCIL_DELIBERATING'],
        status: 'COUNCIL_DELIBERATING',
      }),
    );
    expect(steps.find((s) => s.id === 'interview')?.visited).toEqual([
      'COUNCIL_DELIBERATING',
      'WAITING_INTERVIEW_ANSWERS',
    ]);
  });
});
