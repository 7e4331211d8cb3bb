import { describe, expect, it } from 'vitest';
import { draftLabel, hashSeed, labelDrafts, memberForLabel, mulberry32, presentDrafts } from './presentation.ts';

const MEMBERS = ['openai/gpt', 'anthropic/claude', 'google/gemini', 'x/grok'];

describe('mulberry32 over hashSeed', () => {
  it('replays the same sequence for the same seed', () => {
    const a = mulberry32(hashSeed('voter-seed'));
    const b = mulberry32(hashSeed('voter-seed'));
    const sequence = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(sequence);
    expect(sequence.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j with FNV-1a', (seed, hash) => {
    expect(hashSeed(seed)).toBe(hash);
  });
});

describe('presentDrafts', () => {
  it('stores the seed and a permutation of the valid drafts', () => {
    const presentation = presentDrafts(MEMBERS, 'seed-1');
    expect(presentation.seed).toBe('seed-1');
    expect([...presentation.order].sort()).toEqual([...MEMBERS].sort());
  });

  it.each(['seed-1', 'seed-2', '0e7c1b8a-1111-4c4c-9999-000000000000'])('replays seed %s to the same order', (seed) => {
    expect(presentDrafts(MEMBERS, seed).order).toEqual(presentDrafts(MEMBERS, seed).order);
  });

  it('does not depend on the order the drafts finished in', () => {
    expect(presentDrafts([...MEMBERS].reverse(), 'seed-3')).toEqual(presentDrafts(MEMBERS, 'seed-3'));
  });

  it('gives different voters different orders', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => presentDrafts(MEMBERS, `voter-${i}`).order.join(',')));
    expect(orders.size).toBeGreaterThan(5);
  });
});

describe('memberForLabel', () => {
  const presentation = { seed: 's', order: ['b', 'c', 'a'] };
  it.each([
    ['Draft 1', 'b'],
    ['Draft 3', 'a'],
    ['Draft 4', undefined],
    ['Draft 0', undefined],
    ['draft 1', undefined],
  ])('maps %s to %s', (label, member) => {
    expect(memberForLabel(presentation, label)).toBe(member);
  });
});

describe('labelDrafts', () => {
  it('labels drafts in presentation order without member ids', () => {
    const drafts = new Map([
      ['a', { text: 'A', steeredByOperator: false }],
      ['b', { text: 'B', steeredByOperator: true }],
    ]);
    const labelled = labelDrafts({ seed: 's', order: ['b', 'a'] }, drafts);
    expect(labelled).toEqual([
      { label: 'Draft 1', text: 'B', steeredByOperator: true },
      { label: 'Draft 2', text: 'A', steeredByOperator: false },
    ]);
    expect(JSON.stringify(labelled)).not.toMatch(/"a"|"b"/);
    expect(draftLabel(0)).toBe('Draft 1');
  });
});
