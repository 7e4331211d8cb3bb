import { describe, expect, it } from 'vitest';
import {
  type EditableBead,
  editPlan,
  isPlanChanged,
  type PlanEdit,
  parseLines,
  readDraftBeads,
} from './bead-plan-edit.ts';

const bead = (id: string, blockedBy: string[] = []): EditableBead & { priority: number } => ({
  id,
  title: `Title ${id}`,
  description: `Do ${id}`,
  targetFiles: [`src/${id}.js`],
  dependencies: { blocked_by: blockedBy, blocks: [] },
  priority: 1,
});
const plan = [bead('a'), bead('b', ['a']), bead('c', ['b'])];
const ids = (beads: readonly EditableBead[]) => beads.map((b) => b.id);

describe('editPlan', () => {
  it.each<[string, PlanEdit, string[]]>([
    ['moves a bead up', { type: 'move', id: 'b', offset: -1 }, ['b', 'a', 'c']],
    ['moves a bead down', { type: 'move', id: 'b', offset: 1 }, ['a', 'c', 'b']],
    ['keeps the first bead first when moved up', { type: 'move', id: 'a', offset: -1 }, ['a', 'b', 'c']],
    ['keeps the last bead last when moved down', { type: 'move', id: 'c', offset: 1 }, ['a', 'b', 'c']],
    ['ignores an unknown bead', { type: 'move', id: 'zz', offset: 1 }, ['a', 'b', 'c']],
  ])('%s', (_name, edit, expected) => {
    expect(ids(editPlan(plan, edit))).toEqual(expected);
  });

  it('changes title and description of one bead only, keeping its other fields', () => {
    const titled = editPlan(plan, { type: 'title', id: 'b', value: 'Login' });
    const described = editPlan(titled, { type: 'description', id: 'b', value: 'Add login()' });
    expect(described[1]).toMatchObject({ id: 'b', title: 'Login', description: 'Add login()', priority: 1 });
    expect(described[0]).toBe(plan[0]);
    expect(plan[1]?.title).toBe('Title b');
  });

  it('adds and removes a blocker without duplicates, and never makes a bead block itself', () => {
    const added = editPlan(plan, { type: 'blocker', id: 'a', blockerId: 'c', isBlocking: true });
    expect(added[0]?.dependencies.blocked_by).toEqual(['c']);
    const again = editPlan(added, { type: 'blocker', id: 'a', blockerId: 'c', isBlocking: true });
    expect(again[0]?.dependencies.blocked_by).toEqual(['c']);
    const removed = editPlan(again, { type: 'blocker', id: 'a', blockerId: 'c', isBlocking: false });
    expect(removed[0]?.dependencies).toEqual({ blocked_by: [], blocks: [] });
    expect(
      editPlan(plan, { type: 'blocker', id: 'a', blockerId: 'a', isBlocking: true })[0]?.dependencies.blocked_by,
    ).toEqual([]);
  });

  it('reads target files one per line', () => {
    const edited = editPlan(plan, { type: 'target-files', id: 'c', text: ' src/c.js\n\nsrc/d.js \n' });
    expect(edited[2]?.targetFiles).toEqual(['src/c.js', 'src/d.js']);
  });
});

describe('parseLines', () => {
  it.each([
    ['', []],
    ['a\n b \n\n', ['a', 'b']],
  ])('%j → %j', (text, expected) => {
    expect(parseLines(text)).toEqual(expected);
  });
});

describe('isPlanChanged', () => {
  it.each<[string, EditableBead[], boolean]>([
    ['the loaded plan', plan.map((b) => ({ ...b })), false],
    ['the same blockers in another order', [bead('a'), bead('b', ['a']), { ...bead('c', ['b']) }], false],
    ['another order', editPlan(plan, { type: 'move', id: 'c', offset: -1 }), true],
    ['a new title', editPlan(plan, { type: 'title', id: 'a', value: 'x' }), true],
    ['a new blocker', editPlan(plan, { type: 'blocker', id: 'c', blockerId: 'a', isBlocking: true }), true],
    ['new target files', editPlan(plan, { type: 'target-files', id: 'a', text: 'src/z.js' }), true],
  ])('%s → %s', (_name, edited, expected) => {
    expect(isPlanChanged(plan, edited)).toBe(expected);
  });
});

describe('readDraftBeads', () => {
  const bead = { id: 'a', title: 'A', description: 'Do a', targetFiles: ['a.js'], dependencies: { blocked_by: [] } };
  it('reads a stored plan and refuses anything that is not one', () => {
    expect(readDraftBeads([bead])).toEqual([bead]);
    expect(readDraftBeads('a')).toBeNull();
    expect(readDraftBeads([{ ...bead, targetFiles: 'a.js' }])).toBeNull();
    expect(readDraftBeads([{ ...bead, dependencies: null }])).toBeNull();
  });
});
