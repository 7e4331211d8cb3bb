import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalizeBlueprint } from './blueprint.ts';
import { applyExpansion, defaultLabels, jsonlToDocument, toJsonl } from './expand.ts';
import { orderProblem } from './phases.ts';
import { type BlueprintBead, ExpansionLine, ModelBlueprint } from './schema.ts';

const blueprint: BlueprintBead[] = [
  {
    id: 'store',
    title: 'Session store',
    prdRefs: ['EPIC-1', 'US-1-1'],
    description: 'Add the store.',
    contextGuidance: { patterns: ['p'], anti_patterns: ['a'] },
    acceptanceCriteria: ['expires'],
    tests: ['unit test'],
    testCommands: ['node --test'],
  },
  {
    id: 'login',
    title: 'Login',
    prdRefs: ['US-1-2'],
    description: 'Add login.',
    contextGuidance: { patterns: ['p'], anti_patterns: ['a'] },
    acceptanceCriteria: ['logs in'],
    tests: ['unit test'],
    testCommands: [],
    testCommandReason: 'covered by the store test run',
  },
];

const line = (value: Record<string, unknown>) => ExpansionLine.parse(value);
const good = () => [
  line({ id: 'auth.store', title: 'Session store', labels: ['s'], targetFiles: ['src/store.js'] }),
  line({
    id: 'auth.login',
    title: 'Login',
    issueType: 'feature',
    labels: [],
    dependencies: { blocked_by: ['auth.store'] },
    targetFiles: ['src/login.js'],
  }),
];
const input = { externalRef: 'SMP-1', now: '2026-11-29T00:00:00.000Z' };

describe('expansion (§9.3)', () => {
  it('hydrates the app-owned fields', () => {
    const outcome = applyExpansion(blueprint, good(), input);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.warnings).toEqual([]);
    const [store, login] = outcome.beads;
    expect(store).toMatchObject({
      id: 'auth.store',
      priority: 1,
      status: 'pending',
      issueType: 'task',
      externalRef: 'SMP-1',
      dependencies: { blocked_by: [], blocks: ['auth.login'] },
      iteration: 1,
      createdAt: input.now,
      startedAt: '',
      beadStartCommit: null,
      failedIterationNotes: [],
    });
    expect(login).toMatchObject({
      priority: 2,
      issueType: 'feature',
      labels: ['ticket:SMP-1', 'story:US-1-2'],
      testCommandReason: 'covered by the store test run',
    });
  });

  it('restores drifted blueprint fields with a warning', () => {
    const lines = good();
    lines[0] = line({ ...lines[0], description: 'Something else', tests: ['other'] });
    const outcome = applyExpansion(blueprint, lines, input);
    expect(outcome.ok && outcome.beads[0]?.description).toBe('Add the store.');
    expect(outcome.warnings).toEqual([
      'auth.store: description differed from the blueprint and was restored',
      'auth.store: tests differed from the blueprint and was restored',
    ]);
  });

  it('repairs a flat dependency list and blueprint ids', () => {
    const lines = good();
    lines[1] = line({ ...lines[1], dependencies: ['store'] });
    const outcome = applyExpansion(blueprint, lines, input);
    expect(outcome.ok && outcome.beads[1]?.dependencies.blocked_by).toEqual(['auth.store']);
    expect(outcome.warnings).toHaveLength(2);
  });

  it.each([
    ['a count mismatch', (l: ExpansionLine[]) => l.slice(0, 1), 'Expansion returned 1 beads; the blueprint has 2'],
    [
      'a reorder',
      (l: ExpansionLine[]) => [l[1], l[0]] as ExpansionLine[],
      'Bead 1 changed its title or order ("Session store" → "Login")',
    ],
    [
      'a changed prdRefs',
      (l: ExpansionLine[]) => [line({ ...l[0], prdRefs: ['EPIC-9'] }), l[1]] as ExpansionLine[],
      'Bead auth.store changed its prdRefs',
    ],
    [
      'a forward dependency',
      (l: ExpansionLine[]) =>
        [line({ ...l[0], dependencies: { blocked_by: ['auth.login'] } }), l[1]] as ExpansionLine[],
      'auth.store depends on a later bead auth.login',
    ],
    [
      'an unknown dependency',
      (l: ExpansionLine[]) => [l[0], line({ ...l[1], dependencies: { blocked_by: ['ghost'] } })] as ExpansionLine[],
      'auth.login depends on unknown bead ghost',
    ],
    [
      'a duplicate id',
      (l: ExpansionLine[]) => [l[0], line({ ...l[1], id: 'auth.store', dependencies: null })] as ExpansionLine[],
      'Duplicate bead id auth.store',
    ],
    [
      'an unsafe target file',
      (l: ExpansionLine[]) => [l[0], line({ ...l[1], targetFiles: ['../x.js'] })] as ExpansionLine[],
      'auth.login: "../x.js" leaves the project (..)',
    ],
  ])('fails on %s', (_name, change, message) => {
    const outcome = applyExpansion(blueprint, change(good()), input);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors.map((e) => e.message)).toContain(message);
  });

  it('reads JSONL, fenced JSONL and a JSON array', () => {
    const jsonl = '```jsonl\n{"id":"a","targetFiles":["x"]}\n\n{"id":"b","targetFiles":["y"]}\n```';
    expect(parse(jsonlToDocument(jsonl)).lines.map((l: { id: string }) => l.id)).toEqual(['a', 'b']);
    expect(parse(jsonlToDocument('[{"id":"a"}]')).lines).toEqual([{ id: 'a' }]);
  });

  it('writes one bead per line', () => {
    const outcome = applyExpansion(blueprint, good(), input);
    if (!outcome.ok) throw new Error('expansion failed');
    const text = toJsonl(outcome.beads);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['auth.store', 'auth.login']);
  });

  it('derives default labels from prdRefs', () => {
    expect(defaultLabels('X-1', ['EPIC-2', 'US-2-1', 'other'])).toEqual(['ticket:X-1', 'epic:EPIC-2', 'story:US-2-1']);
  });
});

describe('blueprint normalization (§9.1)', () => {
  it('accepts wrapper keys, string guidance and fills ids', () => {
    const model = ModelBlueprint.parse({
      tasks: [
        {
          title: 'A',
          contextGuidance: 'Patterns: reuse helpers. Anti-patterns: globals',
          acceptanceCriteria: 'one',
          tests: ['t'],
          testCommands: ['npm test'],
        },
        { id: 'Same Id', title: 'B', acceptanceCriteria: ['x'], tests: ['t'], testCommandReason: 'docs' },
        { id: 'same-id', title: 'C', acceptanceCriteria: ['x'], tests: ['t'], testCommands: ['npm test'] },
      ],
    });
    const { beads, warnings } = normalizeBlueprint(model.beads);
    expect(beads.map((b) => b.id)).toEqual(['bead-1', 'same-id', 'same-id-2']);
    expect(beads[0]?.contextGuidance).toEqual({ patterns: ['reuse helpers.'], anti_patterns: ['globals'] });
    expect(beads[0]?.acceptanceCriteria).toEqual(['one']);
    expect(beads[0]).not.toHaveProperty('testCommandReason');
    expect(beads[1]?.testCommandReason).toBe('docs');
    expect(warnings).toContain('duplicate id same-id became same-id-2');
    expect(warnings).toContain('bead-1 has no prdRefs');
  });

  it('refuses a blueprint without beads or a bead without acceptance criteria', () => {
    expect(ModelBlueprint.safeParse({ beads: [] }).success).toBe(false);
    expect(ModelBlueprint.safeParse({ beads: [{ title: 'A', tests: ['t'] }] }).success).toBe(false);
  });
});

describe('refinement keeps the winner order (§9.2)', () => {
  it('allows added and removed beads but not a reorder', () => {
    expect(orderProblem(['a', 'b', 'c'], ['a', 'new', 'b', 'c'])).toBeNull();
    expect(orderProblem(['a', 'b', 'c'], ['a', 'c'])).toBeNull();
    expect(orderProblem(['a', 'b', 'c'], ['b', 'a', 'c'])).toBe(
      'the refined blueprint reorders the winning beads (a, b, c became b, a, c); keep their order',
    );
  });
});
