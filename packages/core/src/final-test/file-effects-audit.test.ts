import { describe, expect, it } from 'vitest';
import { type AuditInput, auditFileEffects } from './file-effects-audit.ts';
import type { FileEffect } from './final-test-result.ts';

// workflow.md §10.7 "file-effects audit": the table of cases, row by row, as a pure function of what git showed
// and what the agent declared.

const base: AuditInput = {
  before: { changed: [], untracked: [] },
  after: { changed: [], untracked: [] },
  ignoredDeclared: [],
  testFiles: ['test/a.test.js'],
  modifiedFiles: ['test/a.test.js'],
  fileEffects: [],
  setupRoots: ['.ticket/runtime/execution-setup', 'tools/setup-tmp'],
  classified: null,
};
const effect = (path: string, intent: FileEffect['intent']): FileEffect => ({ path, intent, reason: '' });
const rowOf = (input: Partial<AuditInput>, path: string) =>
  auditFileEffects({ ...base, ...input }).rows.find((r) => r.path === path);

describe('file-effects audit table (§10.7)', () => {
  it('keeps a declared candidate (the test file) as a delivery candidate', () => {
    expect(rowOf({ after: { changed: [], untracked: ['test/a.test.js'] } }, 'test/a.test.js')).toMatchObject({
      gitState: 'untracked',
      intent: 'candidate',
      result: 'candidate',
    });
  });

  it('keeps an undeclared tracked change as a candidate for the PR audit', () => {
    expect(rowOf({ after: { changed: ['src/a.js'], untracked: [] } }, 'src/a.js')).toMatchObject({
      gitState: 'tracked',
      intent: 'undeclared',
      result: 'candidate',
    });
  });

  it.each([
    [
      'ignored',
      { ignoredDeclared: ['coverage/out.json'], fileEffects: [effect('coverage/out.json', 'temporary')] },
      'coverage/out.json',
    ],
    ['setup-temp', { after: { changed: [], untracked: ['tools/setup-tmp/state.json'] } }, 'tools/setup-tmp/state.json'],
    ['dependency', { after: { changed: [], untracked: ['node_modules/x/index.js'] } }, 'node_modules/x/index.js'],
    ['cache', { after: { changed: [], untracked: ['.pytest_cache/v/x'] } }, '.pytest_cache/v/x'],
    ['output', { after: { changed: [], untracked: ['dist/bundle.js'] } }, 'dist/bundle.js'],
  ])('makes an untracked file in a %s location local-only', (_name, input, path) => {
    const outcome = auditFileEffects({ ...base, ...input });
    expect(outcome.rows.find((r) => r.path === path)).toMatchObject({ result: 'local_only' });
    expect(outcome.unknown).toEqual([]);
  });

  it('asks about an unknown untracked file once before deciding', () => {
    const input = { after: { changed: [], untracked: ['notes.txt'] } };
    expect(auditFileEffects({ ...base, ...input }).unknown).toEqual(['notes.txt']);
  });

  it('takes the classification answer: candidate kept, temporary local-only', () => {
    const input = {
      after: { changed: [], untracked: ['fixtures/users.json', 'scratch.out'] },
      classified: [effect('fixtures/users.json', 'candidate'), effect('scratch.out', 'temporary')],
    };
    const outcome = auditFileEffects({ ...base, ...input });
    expect(outcome.rows.map((r) => [r.path, r.result])).toEqual([
      ['fixtures/users.json', 'candidate'],
      ['scratch.out', 'local_only'],
    ]);
    expect(outcome.warnings).toEqual([]);
  });

  it('leaves a file still undeclared after the classification retry local-only, with a warning', () => {
    const outcome = auditFileEffects({ ...base, after: { changed: [], untracked: ['notes.txt'] }, classified: [] });
    expect(outcome.rows).toEqual([expect.objectContaining({ path: 'notes.txt', result: 'local_only' })]);
    expect(outcome.unknown).toEqual([]);
    expect(outcome.warnings).toEqual([expect.stringContaining('notes.txt')]);
  });

  it.each(['temporary', 'unexpected'] as const)('restores a tracked change marked %s', (intent) => {
    const input = {
      after: { changed: ['src/config.js'], untracked: [] },
      fileEffects: [effect('src/config.js', intent)],
    };
    expect(rowOf(input, 'src/config.js')).toMatchObject({ gitState: 'tracked', intent, result: 'restored' });
  });

  it("never audits LoopTroop's own files", () => {
    const outcome = auditFileEffects({ ...base, after: { changed: [], untracked: ['.ticket/runtime/log.jsonl'] } });
    expect(outcome.rows).toEqual([]);
  });

  it('says when a path was already dirty before the final test', () => {
    const dirty = { changed: [], untracked: ['notes.txt'] };
    expect(rowOf({ before: dirty, after: dirty, classified: [] }, 'notes.txt')?.reason).toContain(
      'already dirty before',
    );
  });
});
