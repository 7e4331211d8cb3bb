import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTempDir, createTempRepo } from '@looptroop/testkit';
import { fakeOpencode, type Reply } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { createChildProcessRunner } from '../commands/child-process.ts';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { tickets } from '../db/schema.ts';
import { systemClock } from '../lib/clock.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { ProjectOverrides } from '../projects/schema.ts';
import type { TicketRow } from '../tickets/store.ts';
import { buildPhaseContext } from '../workflow/phase-context.ts';
import { lockSettings } from '../workflow/settings.ts';
import { finalTestPhase } from './final-test-phase.ts';

// workflow.md §10.7 through the real handler: a real libSQL file (createCore's artifact and log services), a real git
// worktree on a ticket branch, real commands run by the real child-process runner. Only the model is a fake: each
// scripted reply plays the agent, editing files in the worktree before it answers.

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();
const answer = (body: unknown) => `Done.\n<FINAL_TEST_COMMANDS>${JSON.stringify(body)}</FINAL_TEST_COMMANDS>`;
const put = (root: string, path: string, content: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const TEST_FILE = 'test/sum.test.js';
const PASSING_TEST = "const { sum } = require('../src/sum.js');\nprocess.exit(sum(1, 2) === 3 ? 0 : 1);\n";
const RUN_TEST = { program: 'node', args: [TEST_FILE], cwd: '.' };

let core: Core;
let dataDir: { cleanup(): Promise<void> };
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const data = await createTempDir('lt-final-test-');
  dataDir = data;
  core = await createCore(loadConfig({ LOOPTROOP_HOME: data.dir, NODE_ENV: 'test' }));
  await core.services.profile.create({ mainImplementer: 'p/alpha', councilMembers: ['p/alpha', 'p/beta'] });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await core.close();
  await dataDir.cleanup();
});

/** A ticket in RUNNING_FINAL_TEST whose worktree (branch off main) holds one bead commit. */
async function ticketWithWorktree(settings: { maxIterations?: number } = {}) {
  const repo = await createTempRepo({
    withOrigin: false,
    files: {
      'package.json': '{"name":"sample","private":true}\n',
      '.gitignore': 'coverage/\n',
      'src/sum.js': 'exports.sum = (a, b) => a - b;\n',
      'README.md': '# sample\n',
    },
  });
  cleanups.push(repo.cleanup);
  const shortname = `FT${String(cleanups.length).padStart(2, '0')}`;
  const project = await core.services.projects.attach({ name: shortname, shortname, folderPath: repo.dir });
  const created = await core.services.tickets.create({ projectId: project.id, title: 'Fix sum' });
  const row = await core.services.tickets.resolve(created.id);
  const worktree = join(repo.dir, '.looptroop', 'worktrees', row.externalId);
  git(repo.dir, 'worktree', 'add', '-q', '-b', row.externalId, worktree, 'main');
  put(worktree, 'src/sum.js', 'exports.sum = (a, b) => a + b;\n');
  git(worktree, 'commit', '-qam', 'bead 1: fix sum');
  const profile = await core.services.profile.settings();
  if (!profile) throw new Error('profile missing');
  if (settings.maxIterations !== undefined)
    await core.services.projects.update({ id: project.id, maxIterations: settings.maxIterations });
  const overrides = ProjectOverrides.parse((await core.services.projects.row(project.id)).overrides);
  await core.db
    .update(tickets)
    .set({
      status: 'RUNNING_FINAL_TEST',
      previousStatus: 'CODING',
      worktreePath: worktree,
      branchName: row.externalId,
      baseBranch: 'main',
      lockedSettings: lockSettings(profile, overrides, row),
    })
    .where(eq(tickets.id, row.id));
  return { row: await core.services.tickets.resolve(created.id), worktree, start: git(worktree, 'rev-parse', 'HEAD') };
}

async function runPhase(row: TicketRow, script: Reply[], signal = new AbortController().signal) {
  const opencode = fakeOpencode({ 'p/alpha': script });
  const { profile, artifacts } = core.services;
  const ctx = await buildPhaseContext({ db: core.db, profile, artifacts }, row, 'RUNNING_FINAL_TEST', signal);
  if (!ctx) throw new Error('no phase context');
  const handler = finalTestPhase({
    opencode,
    artifacts: core.services.artifacts,
    logs: core.services.logs,
    commands: createChildProcessRunner({ env: { PATH: process.env.PATH } }),
    clock: systemClock,
    env: { PATH: process.env.PATH },
  });
  return { opencode, outcome: handler(ctx) };
}

const versions = async (row: TicketRow, type: ArtifactTypeName) =>
  (await core.services.artifacts.list(row, { artifactType: type })).map((a) => JSON.parse(a.content));

describe('RUNNING_FINAL_TEST attempts', () => {
  it('passes when the backend runs the commands and they exit 0, and reports the run', async () => {
    const { row, worktree } = await ticketWithWorktree();
    const { outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [RUN_TEST], test_files: TEST_FILE, summary: 'sum adds' });
      },
    ]);
    expect(await outcome).toEqual({ event: 'TESTS_PASSED', context: { lockedManualQaEnabled: false } });
    const [report] = await versions(row, 'final_test_report');
    expect(report).toMatchObject({
      attempt: 1,
      passed: true,
      summary: 'sum adds',
      testFiles: [TEST_FILE],
      modifiedFiles: [TEST_FILE],
      commands: [{ display: `node ${TEST_FILE}`, cwd: '.', exitCode: 0, timedOut: false }],
      notes: [],
    });
    const [audit] = await versions(row, 'final_test_file_effects_audit');
    expect(audit.candidatePaths).toEqual(['src/sum.js', TEST_FILE]);
    expect(existsSync(join(worktree, TEST_FILE))).toBe(true);
  });

  it('fails an attempt whose command exits 1 even though the agent says it passed', async () => {
    const { row, worktree } = await ticketWithWorktree({ maxIterations: 1 });
    const { outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, 'process.exit(1);\n');
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE], summary: 'All tests pass!' });
      },
      'The test exits 1; make it assert the real sum.',
    ]);
    await expect(outcome).rejects.toMatchObject({ codes: ['TESTS_FAILED'] });
    const [report] = await versions(row, 'final_test_report');
    expect(report).toMatchObject({ passed: false, commands: [{ exitCode: 1 }] });
    expect(report.summary).toContain('exited 1');
  });

  it('does not pass when no test file was added or modified', async () => {
    const { row } = await ticketWithWorktree({ maxIterations: 1 });
    const { outcome } = await runPhase(row, [
      answer({ commands: [{ program: 'node', args: ['-e', ''] }], test_files: ['test/none.test.js'] }),
      'note',
    ]);
    await expect(outcome).rejects.toMatchObject({ codes: ['TESTS_FAILED'] });
    expect((await versions(row, 'final_test_report'))[0].summary).toContain('No test file was added or modified');
  });

  it('repairs a malformed answer in the same session through the structured pipeline', async () => {
    const { row, worktree } = await ticketWithWorktree();
    const { opencode, outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [RUN_TEST], test_files: ['.ticket/sum.test.js'] });
      },
      answer({ commands: [RUN_TEST], test_files: [TEST_FILE] }),
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    expect(opencode.calls[1]?.continueSessionId).toBe('ses_1');
    expect(opencode.calls[1]?.text).toContain('.ticket');
  });

  it('writes a retry note, really reverts the failed attempt, and passes on the next attempt', async () => {
    const { row, worktree, start } = await ticketWithWorktree({ maxIterations: 3 });
    const seen: { testLeft: boolean; sumLeft: string; head: string }[] = [];
    const { opencode, outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, 'process.exit(1);\n');
        put(worktree, 'src/sum.js', 'broken');
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
      },
      'NOTE-1: the test exits 1 unconditionally; assert sum(1, 2) === 3 instead.',
      (run) => {
        seen.push({
          testLeft: existsSync(join(worktree, TEST_FILE)),
          sumLeft: readFileSync(join(worktree, 'src/sum.js'), 'utf8'),
          head: git(worktree, 'rev-parse', 'HEAD'),
        });
        expect(run.text).toContain('NOTE-1');
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
      },
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    expect(seen).toEqual([{ testLeft: false, sumLeft: 'exports.sum = (a, b) => a + b;\n', head: start }]);
    // PROM53 runs in a fresh session with no tools (§13), between the two attempts.
    expect(opencode.calls[1]?.tools).toEqual({ '*': false });
    expect(opencode.calls[1]?.continueSessionId).toBeUndefined();
    expect(opencode.calls[1]?.text).toContain('exited 1');
    const [notes] = await versions(row, 'final_test_notes');
    expect(notes.notes).toEqual([
      expect.objectContaining({ attempt: 1, source: 'ai', text: expect.stringContaining('NOTE-1') }),
    ]);
    expect((await versions(row, 'final_test_report')).map((r) => r.passed)).toEqual([false, true]);
  });

  it('falls back to a deterministic note when the note prompt fails', async () => {
    const { row, worktree } = await ticketWithWorktree({ maxIterations: 2 });
    const { outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, "console.error('boom-marker'); process.exit(3);\n");
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
      },
      new PromptFailure('runtime', 'provider down', null),
      (run) => {
        expect(run.text).toContain('boom-marker');
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
      },
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    const [notes] = await versions(row, 'final_test_notes');
    expect(notes.notes[0]).toMatchObject({ source: 'fallback', text: expect.stringContaining('exited 3') });
  });

  it('blocks with TESTS_FAILED once maxIterations attempts failed, the worktree back at the start commit', async () => {
    const { row, worktree, start } = await ticketWithWorktree({ maxIterations: 2 });
    const failing = () => {
      put(worktree, TEST_FILE, 'process.exit(1);\n');
      return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
    };
    const { opencode, outcome } = await runPhase(row, [failing, 'note 1', failing, 'note 2', failing]);
    await expect(outcome).rejects.toMatchObject({ codes: ['TESTS_FAILED'] });
    expect(opencode.calls).toHaveLength(4);
    expect((await versions(row, 'final_test_report')).map((r) => [r.attempt, r.maxAttempts, r.passed])).toEqual([
      [1, 2, false],
      [2, 2, false],
    ]);
    expect(existsSync(join(worktree, TEST_FILE))).toBe(false);
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(start);
  });

  it('resets to the same recorded start commit when the phase restarts mid-attempt', async () => {
    const { row, worktree, start } = await ticketWithWorktree();
    const crash = new AbortController();
    const first = await runPhase(
      row,
      [
        () => {
          put(worktree, 'src/extra.js', 'half-done');
          git(worktree, 'add', '.');
          git(worktree, 'commit', '-qm', 'agent commit during the final test');
          crash.abort();
          return 'working…';
        },
      ],
      crash.signal,
    );
    await expect(first.outcome).rejects.toBeDefined();
    expect(git(worktree, 'rev-parse', 'HEAD')).not.toBe(start);
    const heads: string[] = [];
    const second = await runPhase(row, [
      () => {
        heads.push(git(worktree, 'rev-parse', 'HEAD'));
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
      },
    ]);
    expect((await second.outcome).event).toBe('TESTS_PASSED');
    expect(heads).toEqual([start]);
    expect(existsSync(join(worktree, 'src/extra.js'))).toBe(false);
    expect(await versions(row, 'final_test_start')).toEqual([{ commit: start }]);
  });
});
