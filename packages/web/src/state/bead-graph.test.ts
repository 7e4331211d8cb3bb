import { describe, expect, it } from 'vitest';
import { blocksOf, cycleMembers, dependencyDepths, type GraphBead, upstreamChain } from './bead-graph.ts';

const plan = (...rows: [string, string[]][]): GraphBead[] =>
  rows.map(([id, blockedBy]) => ({ id, dependencies: { blocked_by: blockedBy } }));

// The scripted planning scenario's plan: a store, two logins on top of it, idle expiry beside them.
const auth = plan(['store', []], ['password', ['store']], ['sso', ['password']], ['idle', ['store']]);

describe('blocksOf', () => {
  it('reverses blocked_by in plan order, ignoring unknown ids and self references', () => {
    expect(Object.fromEntries(blocksOf(auth))).toEqual({
      store: ['password', 'idle'],
      password: ['sso'],
      sso: [],
      idle: [],
    });
    expect(Object.fromEntries(blocksOf(plan(['a', ['a', 'ghost']])))).toEqual({ a: [] });
  });
});

describe('upstreamChain', () => {
  it.each<[string, GraphBead[], string, string[]]>([
    ['a bead without blockers has an empty chain', auth, 'store', []],
    ['direct and transitive blockers, in plan order', auth, 'sso', ['store', 'password']],
    ['a sibling branch is not part of the chain', auth, 'idle', ['store']],
    ['unknown ids are left out', plan(['a', ['ghost']]), 'a', []],
    ['a cycle ends instead of looping', plan(['a', ['c']], ['b', ['a']], ['c', ['b']]), 'b', ['a', 'c']],
  ])('%s', (_name, beads, id, expected) => {
    expect(upstreamChain(beads, id)).toEqual(expected);
  });
});

describe('dependencyDepths', () => {
  it.each<[string, GraphBead[], Record<string, number | null>]>([
    ['levels follow the deepest blocker', auth, { store: 0, password: 1, sso: 2, idle: 1 }],
    ['a later blocker still counts', plan(['a', ['b']], ['b', []]), { a: 1, b: 0 }],
    ['unknown blockers do not indent', plan(['a', ['ghost']]), { a: 0 }],
    [
      'beads on or behind a cycle have no level',
      plan(['root', []], ['a', ['c']], ['b', ['a']], ['c', ['b']], ['after', ['c', 'root']]),
      { root: 0, a: null, b: null, c: null, after: null },
    ],
    ['a bead blocked by itself has no level', plan(['a', ['a']]), { a: null }],
  ])('%s', (_name, beads, expected) => {
    expect(Object.fromEntries(dependencyDepths(beads))).toEqual(expected);
  });
});

describe('cycleMembers', () => {
  it.each<[string, GraphBead[], string[]]>([
    ['a plan without cycles has none', auth, []],
    [
      'only the beads on the cycle, not those waiting behind it',
      plan(['root', []], ['a', ['c']], ['b', ['a']], ['c', ['b']], ['after', ['c', 'root']]),
      ['a', 'b', 'c'],
    ],
    ['a bead blocked by itself', plan(['a', ['a']], ['b', ['a']]), ['a']],
  ])('%s', (_name, beads, expected) => {
    expect([...cycleMembers(beads)]).toEqual(expected);
  });
});
