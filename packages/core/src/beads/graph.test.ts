import { describe, expect, it } from 'vitest';
import { checkPlan, executionOrder, findCycles, runnableBeads, targetFileProblem } from './graph.ts';

const bead = (id: string, blockedBy: string[] = [], extra: Record<string, unknown> = {}) => ({
  id,
  dependencies: { blocked_by: blockedBy },
  targetFiles: ['src/a.js'],
  acceptanceCriteria: ['done'],
  testCommands: ['node --test'],
  ...extra,
});

describe('plan graph check', () => {
  it('accepts a valid plan', () => {
    expect(checkPlan([bead('a'), bead('b', ['a']), bead('c', ['a', 'b'])])).toEqual([]);
  });

  it('names every bead of a cycle, once per bead', () => {
    const issues = checkPlan([bead('a', ['c']), bead('b', ['a']), bead('c', ['b']), bead('d')]);
    expect(issues.map((i) => i.beadId).sort()).toEqual(['a', 'b', 'c']);
    expect(issues[0]?.message).toBe('Dependency cycle: a → c → b → a');
  });

  it('finds two separate cycles and ignores unknown ids while searching', () => {
    expect(findCycles([bead('a', ['b']), bead('b', ['a']), bead('c', ['d', 'x']), bead('d', ['c'])])).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ]);
  });

  it.each([
    ['an unknown dependency', [bead('a', ['ghost'])], 'a depends on unknown bead ghost'],
    ['a self dependency', [bead('a', ['a'])], 'a depends on itself'],
    ['a duplicate id', [bead('a'), bead('a')], 'Duplicate bead id a'],
    ['no target file', [bead('a', [], { targetFiles: [] })], 'a names no target file'],
    ['an absolute target', [bead('a', [], { targetFiles: ['/etc/passwd'] })], 'a: "/etc/passwd" is absolute'],
    ['a parent target', [bead('a', [], { targetFiles: ['src/../../x'] })], 'a: "src/../../x" leaves the project (..)'],
    ['a drive letter', [bead('a', [], { targetFiles: ['C:\\x'] })], 'a: "C:\\x" has a drive letter'],
    ['no criteria', [bead('a', [], { acceptanceCriteria: [] })], 'a has no acceptance criteria'],
    ['no command and no reason', [bead('a', [], { testCommands: [] })], 'a plans no test command and gives no reason'],
  ])('refuses %s', (_name, beads, message) => {
    expect(checkPlan(beads).map((i) => i.message)).toEqual([message]);
  });

  it('checks prdRefs against the PRD ids when given them', () => {
    const beads = [bead('a', [], { prdRefs: ['EPIC-1', 'US-9-9'] })];
    expect(checkPlan(beads)).toEqual([]);
    expect(checkPlan(beads, { knownRefs: new Set(['EPIC-1', 'US-1-1']) })).toEqual([
      { beadId: 'a', field: 'prdRefs', message: 'a references unknown PRD item US-9-9' },
    ]);
  });

  it('accepts an empty command list with a reason', () => {
    expect(checkPlan([bead('a', [], { testCommands: [], testCommandReason: 'docs only' })])).toEqual([]);
  });

  it('refuses an empty plan', () => {
    expect(checkPlan([])).toEqual([{ beadId: null, field: null, message: 'The plan has no beads' }]);
  });

  it('keeps relative paths', () => {
    expect(targetFileProblem('src/a..b.js')).toBeNull();
    expect(targetFileProblem('  ')).toBe('an empty target file');
  });
});

describe('scheduler (§9.5)', () => {
  const plan = [
    { id: 'a', priority: 1, status: 'done', dependencies: { blocked_by: [] } },
    { id: 'b', priority: 2, status: 'pending', dependencies: { blocked_by: ['c'] } },
    { id: 'c', priority: 3, status: 'pending', dependencies: { blocked_by: ['a'] } },
    { id: 'd', priority: 4, status: 'error', dependencies: { blocked_by: [] } },
    { id: 'e', priority: 5, status: 'pending', dependencies: { blocked_by: [] } },
  ];

  it('runs pending beads whose blockers are done, by priority; never beads in error', () => {
    expect(runnableBeads(plan).map((b) => b.id)).toEqual(['c', 'e']);
  });

  it('orders a fresh plan by dependencies first, then priority', () => {
    expect(executionOrder(plan.map((b) => ({ ...b, status: 'pending' })))).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('has no order for a cycle', () => {
    expect(
      executionOrder([
        { id: 'a', priority: 1, status: 'pending', dependencies: { blocked_by: ['b'] } },
        { id: 'b', priority: 2, status: 'pending', dependencies: { blocked_by: ['a'] } },
      ]),
    ).toBeNull();
  });
});
