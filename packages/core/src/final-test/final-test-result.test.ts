import { describe, expect, it } from 'vitest';
import { parseStructured } from '../structured/index.ts';
import { fileEffectsSpec, finalTestSpec } from './final-test-result.ts';

// workflow.md §10.7: the normalizations of <FINAL_TEST_COMMANDS>, through the real structured pipeline.

const spec = finalTestSpec(['.cache/setup-tmp']);
const wrap = (body: unknown) => `Done.\n<FINAL_TEST_COMMANDS>${JSON.stringify(body)}</FINAL_TEST_COMMANDS>`;
const parse = (body: unknown) => parseStructured(wrap(body), spec);
const value = (body: unknown) => {
  const parsed = parse(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('<FINAL_TEST_COMMANDS> normalization', () => {
  it('turns a single command string and a single test file string into lists', () => {
    expect(value({ commands: 'npm test -- a.test.js', test_files: 'a.test.js', summary: 's' })).toMatchObject({
      commands: ['npm test -- a.test.js'],
      testFiles: ['a.test.js'],
    });
  });

  it('defaults modified_files to the deduplicated test_files', () => {
    const r = value({ commands: ['x'], test_files: ['t/a.test.js', './t/a.test.js', 't/b.test.js'] });
    expect(r.testFiles).toEqual(['t/a.test.js', 't/b.test.js']);
    expect(r.modifiedFiles).toEqual(['t/a.test.js', 't/b.test.js']);
  });

  it('keeps modified_files when the agent gives them', () => {
    expect(value({ commands: ['x'], test_files: 'a.test.js', modified_files: ['src/a.js'] }).modifiedFiles).toEqual([
      'src/a.js',
    ]);
  });

  it.each([
    ['a bare path', 'out/report.txt', { path: 'out/report.txt', intent: 'candidate', reason: '' }],
    ['include', { path: 'a', intent: 'include' }, { path: 'a', intent: 'candidate' }],
    ['commit', { path: 'a', intent: 'commit' }, { path: 'a', intent: 'candidate' }],
    ['keep', { path: 'a', intent: 'keep' }, { path: 'a', intent: 'candidate' }],
    ['permanent', { path: 'a', intent: 'permanent' }, { path: 'a', intent: 'candidate' }],
    ['temp', { path: 'a', intent: 'temp' }, { path: 'a', intent: 'temporary' }],
    ['scratch', { path: 'a', intent: 'scratch' }, { path: 'a', intent: 'temporary' }],
    ['artifact', { path: 'a', intent: 'artifact' }, { path: 'a', intent: 'temporary' }],
    ['generated', { path: 'a', intent: 'Generated' }, { path: 'a', intent: 'temporary' }],
    ['exclude', { path: 'a', intent: 'exclude' }, { path: 'a', intent: 'temporary' }],
    ['unknown', { path: 'a', intent: 'unknown' }, { path: 'a', intent: 'unexpected' }],
    ['unintended', { path: 'a', intent: 'unintended' }, { path: 'a', intent: 'unexpected' }],
    ['accidental', { path: 'a', intent: 'accidental' }, { path: 'a', intent: 'unexpected' }],
    ['no intent', { path: 'a' }, { path: 'a', intent: 'candidate' }],
  ])('file effect: %s', (_name, effect, expected) => {
    expect(value({ commands: ['x'], test_files: 't.test.js', file_effects: [effect] }).fileEffects).toEqual([
      expect.objectContaining(expected),
    ]);
  });

  it('accepts a structured command spec and keeps its repo-relative cwd', () => {
    const r = value({ commands: [{ program: 'node', args: ['--test'], cwd: './pkg/' }], test_files: ['t.test.js'] });
    expect(r.commands).toEqual([
      { kind: 'exec', program: 'node', args: ['--test'], cwd: 'pkg', env: {}, timeoutSeconds: null },
    ]);
  });

  it.each([
    ['.ticket/**', { test_files: ['.ticket/runtime/x.test.js'] }],
    ['.looptroop/**', { test_files: ['t.test.js'], modified_files: ['.looptroop/db.sqlite'] }],
    ['a setup path', { test_files: ['t.test.js'], file_effects: ['.cache/setup-tmp/log.txt'] }],
    ['a path leaving the repo', { test_files: ['../other/t.test.js'] }],
    ['no test file', { test_files: [] }],
  ])('rejects %s in the file lists (a validation failure, so the pipeline repairs it)', (_name, body) => {
    const parsed = parse({ commands: ['x'], ...body });
    expect(parsed).toMatchObject({ ok: false, failureClass: 'invalid' });
  });

  it('rejects an answer without commands', () => {
    expect(parse({ commands: [], test_files: ['t.test.js'] })).toMatchObject({ ok: false });
  });

  it('parses the classification answer with the same file-effect rules', () => {
    const parsed = parseStructured(
      '<FILE_EFFECTS>{"file_effects":["keep.txt",{"path":"tmp.out","intent":"scratch"}]}</FILE_EFFECTS>',
      fileEffectsSpec,
    );
    expect(parsed.ok && parsed.value.fileEffects.map((e) => e.intent)).toEqual(['candidate', 'temporary']);
  });
});
