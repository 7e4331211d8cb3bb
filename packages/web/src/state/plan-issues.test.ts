import { describe, expect, it } from 'vitest';
import { groupIssues, planIssuesOf, validationLines } from './plan-issues.ts';

const cycle = 'Dependency cycle: a → c → a';

describe('planIssuesOf', () => {
  it.each<[string, unknown, ReturnType<typeof planIssuesOf>]>([
    [
      'the issues of a refused plan',
      {
        issues: [
          { beadId: 'a', field: 'dependencies.blocked_by', message: cycle },
          { beadId: null, field: null, message: 'line 2: Unexpected token' },
        ],
      },
      [
        { beadId: 'a', field: 'dependencies.blocked_by', message: cycle },
        { beadId: null, field: null, message: 'line 2: Unexpected token' },
      ],
    ],
    ['entries without a message are dropped', { issues: [{ beadId: 'a' }, 'x'] }, []],
    ['a zod issue list is not a plan issue list', [{ path: ['beads'], message: 'Required' }], []],
    ['no details', undefined, []],
  ])('%s', (_name, details, expected) => {
    expect(planIssuesOf(details)).toEqual(expected);
  });
});

describe('groupIssues', () => {
  it('puts issues next to the beads they name and keeps the rest general', () => {
    const issues = [
      { beadId: 'a', field: null, message: cycle },
      { beadId: 'c', field: null, message: cycle },
      { beadId: 'a', field: 'targetFiles', message: 'a names no target file' },
      { beadId: '#4', field: 'title', message: '#4: Required' },
      { beadId: null, field: null, message: 'The plan has no beads' },
    ];
    const { byBead, general } = groupIssues(issues, ['a', 'b', 'c']);
    expect(byBead.get('a')?.map((i) => i.message)).toEqual([cycle, 'a names no target file']);
    expect(byBead.get('b')).toBeUndefined();
    expect(byBead.get('c')?.length).toBe(1);
    expect(general.map((i) => i.message)).toEqual(['#4: Required', 'The plan has no beads']);
  });
});

describe('validationLines', () => {
  it.each<[string, unknown, string[]]>([
    [
      'schema issues with their paths',
      [
        { path: ['epics'], message: 'Too small: expected array to have >=1 items' },
        { path: [], message: 'Bad' },
      ],
      ['epics: Too small: expected array to have >=1 items', 'Bad'],
    ],
    ['a YAML syntax error', { reason: 'Nested mappings are not allowed' }, ['Nested mappings are not allowed']],
    ['anything else', { status: 'CODING' }, []],
  ])('%s', (_name, details, expected) => {
    expect(validationLines(details)).toEqual(expected);
  });
});
