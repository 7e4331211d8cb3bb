import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTempDir, createTempRepo } from '@looptroop/testkit';
import { fakeOpencode, fakeRuntime, type Reply } from '@looptroop/testkit/fakes';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { createChildProcessRunner } from '../commands/child-process.ts';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { ticketStatusHistory, tickets } from '../db/schema.ts';
import { systemClock } from '../lib/clock.ts';
import type { PromptRequest } from '../opencode/client.ts';
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
const scripted = (exitCode: number) => (worktree: string) => {
  put(worktree, TEST_FILE, `process.exit(${exitCode});\n`);
  return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
};

const agent: ((worktree: string, request: PromptRequest) => string)[] = [];
const prompts: PromptRequest[] = [];
let sessions = 0;
const runtime = fakeRuntime({
  createSession: async () => `ses_${++sessions}`,
  async prompt(request) {
    prompts.push(request);
    const next = agent.shift();
    if (!next) throw new Error('no agent step scripted');
    return {
      messageId: `msg_${prompts.length}`,
      text: next(request.directory, request),
      tokens: { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
      costUsd: 0,
      finish: 'stop',
      error: null,
      toolCalls: [],
    };
  },
});

let core: Core;
let dataDir: { cleanup(): Promise<void> };
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const data = await createTempDir('lt-final-test-');
  dataDir = data;
  core = await createCore(loadConfig({ LOOPTROOP_HOME: data.dir, NODE_ENV: 'test' }), { runtime });
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

async function runPhase(
  row: TicketRow,
  script: Reply[],
  signal = new AbortController().signal,
  continuation?: { sessionId: string },
) {
  const opencode = fakeOpencode({ 'p/alpha': script });
  const { profile, artifacts } = core.services;
  const built = await buildPhaseContext({ db: core.db, profile, artifacts }, row, 'RUNNING_FINAL_TEST', signal);
  if (!built) throw new Error('no phase context');
  const ctx = continuation ? { ...built, continuation } : built;
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
    await core.services.artifacts.write(row, 'WAITING_PRD_APPROVAL', 'prd', 'PRD-MARKER: sum adds numbers');
    await core.services.artifacts.write(row, 'WAITING_INTERVIEW_APPROVAL', 'interview', 'INTERVIEW-MARKER');
    const { opencode, outcome } = await runPhase(row, [
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
    // §10.7 / §11.2 `final_test`: a fresh titled session, default tools, bounded by the AI response timeout;
    // ticket details and the PRD, never the interview.
    const [call] = opencode.calls;
    const aiTimeoutMs = ((await core.services.profile.settings())?.councilResponseTimeout ?? 0) * 1000;
    expect(call).toMatchObject({ title: `${row.externalId} · final test (attempt 1)`, timeoutMs: aiTimeoutMs });
    expect(call?.tools).toBeUndefined();
    expect(call?.continueSessionId).toBeUndefined();
    expect(call?.text).toContain('Title: Fix sum');
    expect(call?.text).toContain('PRD-MARKER');
    expect(call?.text).not.toContain('INTERVIEW-MARKER');
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
    await expect(outcome).rejects.toMatchObject({
      codes: ['TESTS_FAILED'],
      message: expect.stringContaining(`Last failure: The command \`node ${TEST_FILE}\` exited 1`),
    });
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

describe('RUNNING_FINAL_TEST after Continue', () => {
  it("resumes the preserved session without resetting the agent's edits, then runs as usual", async () => {
    const { row, worktree } = await ticketWithWorktree();
    const crash = new AbortController();
    const first = await runPhase(
      row,
      [
        () => {
          put(worktree, TEST_FILE, PASSING_TEST);
          crash.abort();
          return 'writing the test…';
        },
      ],
      crash.signal,
    );
    await expect(first.outcome).rejects.toBeDefined();
    const seen: boolean[] = [];
    const { opencode, outcome } = await runPhase(
      row,
      [
        () => {
          seen.push(existsSync(join(worktree, TEST_FILE)));
          return answer({ commands: [RUN_TEST], test_files: [TEST_FILE] });
        },
      ],
      undefined,
      { sessionId: 'ses_preserved' },
    );
    expect((await outcome).event).toBe('TESTS_PASSED');
    expect(seen).toEqual([true]);
    expect(opencode.calls[0]?.resume).toEqual({ sessionId: 'ses_preserved' });
  });
});

describe('RUNNING_FINAL_TEST file effects after the passing attempt', () => {
  it('restores, keeps local-only and asks once (same session) about unknown files, per the §10.7 table', async () => {
    const { row, worktree } = await ticketWithWorktree();
    const { opencode, outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, PASSING_TEST);
        put(worktree, 'README.md', '# scribbled by the test run\n');
        put(worktree, 'notes.txt', 'thinking out loud');
        put(worktree, 'fixtures/data.json', '{}');
        put(worktree, 'dist/out.js', 'built');
        put(worktree, 'coverage/lcov.info', 'ignored by .gitignore');
        put(worktree, 'coverage/summary.json', 'ignored, yet declared for delivery');
        return answer({
          commands: [RUN_TEST],
          test_files: [TEST_FILE],
          file_effects: [
            { path: 'README.md', intent: 'scratch' },
            'coverage/summary.json',
            { path: 'coverage/never-written.json', intent: 'temp' },
          ],
        });
      },
      '<FILE_EFFECTS>{"file_effects":[{"path":"fixtures/data.json","intent":"keep"}]}</FILE_EFFECTS>',
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    expect(opencode.calls[1]).toMatchObject({ continueSessionId: 'ses_1', tools: { '*': false } });
    expect(opencode.calls[1]?.text).toContain('- notes.txt');
    const [audit] = await versions(row, 'final_test_file_effects_audit');
    expect(audit).toMatchObject({
      candidatePaths: ['coverage/summary.json', 'fixtures/data.json', 'src/sum.js', TEST_FILE],
      restored: ['README.md'],
      localOnly: ['dist/out.js', 'notes.txt'],
      warnings: [expect.stringContaining('notes.txt')],
    });
    expect(audit.rows.map((r: { path: string; result: string }) => `${r.path}:${r.result}`)).toEqual([
      'README.md:restored',
      'coverage/summary.json:candidate',
      'dist/out.js:local_only',
      'fixtures/data.json:candidate',
      'notes.txt:local_only',
      `${TEST_FILE}:candidate`,
    ]);
    expect(readFileSync(join(worktree, 'README.md'), 'utf8')).toBe('# sample\n');
    expect(existsSync(join(worktree, 'notes.txt'))).toBe(true); // local-only stays on disk
  });
});

describe('RUNNING_FINAL_TEST commands in the accepted setup environment', () => {
  const SETUP = '.ticket/runtime/execution-setup';

  /** The accepted profile (declaring the wrapper or not), env.sh, a tool on the env's PATH and a logging wrapper. */
  async function withSetup(row: TicketRow, worktree: string, declareWrapper: boolean) {
    const log = join(worktree, '.ticket/runtime/wrapper.log');
    put(worktree, `${SETUP}/env.sh`, `export FINAL_MARK=from-env\nexport PATH="${SETUP}/tool-cache/bin:$PATH"\n`);
    put(worktree, `${SETUP}/tool-cache/bin/final-tool`, '#!/bin/sh\necho tool-ran\n');
    put(worktree, `${SETUP}/run`, `#!/bin/sh\n. "$(dirname "$0")/env.sh"\necho "$*" >> "${log}"\nexec "$@"\n`);
    execFileSync('chmod', ['+x', join(worktree, `${SETUP}/run`), join(worktree, `${SETUP}/tool-cache/bin/final-tool`)]);
    const profile = {
      tempRoots: [],
      reusableArtifacts: declareWrapper ? [{ path: `${SETUP}/run`, kind: 'command-wrapper', purpose: 'env' }] : [],
    };
    await core.services.artifacts.write(
      row,
      'PREPARING_EXECUTION_ENV',
      'execution_setup_profile',
      JSON.stringify(profile),
    );
    return () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  }
  const needsEnv = { program: 'node', args: ['-e', "process.exit(process.env.FINAL_MARK === 'from-env' ? 0 : 1)"] };

  it("applies the profile's env and PATH additions to every command", async () => {
    const { row, worktree } = await ticketWithWorktree({ maxIterations: 1 });
    const wrapperLog = await withSetup(row, worktree, false);
    const { outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({ commands: [{ program: 'final-tool' }, needsEnv, RUN_TEST], test_files: [TEST_FILE] });
      },
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    const [report] = await versions(row, 'final_test_report');
    expect(report.commands.map((c: { exitCode: number }) => c.exitCode)).toEqual([0, 0, 0]);
    expect(report.commands[0].outputTail).toContain('tool-ran');
    expect(wrapperLog()).toEqual([]); // not declared: not used
  });

  it('runs every command through the declared wrapper exactly once, even one that already names it', async () => {
    const { row, worktree } = await ticketWithWorktree({ maxIterations: 1 });
    const wrapperLog = await withSetup(row, worktree, true);
    const { outcome } = await runPhase(row, [
      () => {
        put(worktree, TEST_FILE, PASSING_TEST);
        return answer({
          commands: [
            needsEnv,
            { program: `./${SETUP}/run`, args: ['node', TEST_FILE] },
            { shell: 'bash', script: `node ${TEST_FILE}` },
          ],
          test_files: [TEST_FILE],
        });
      },
    ]);
    expect((await outcome).event).toBe('TESTS_PASSED');
    expect(wrapperLog()).toEqual([`node -e ${needsEnv.args[1]}`, `node ${TEST_FILE}`, `sh -c node ${TEST_FILE}`]);
  });
});

// The same phase inside the real engine: createCore's default registry (workflow/phases.ts), the runner and the
// workflow service's Retry with a note. The agent runtime's `prompt` plays the agent.
describe('RUNNING_FINAL_TEST in the engine', () => {
  it('blocks with TESTS_FAILED, takes a retry note into final_test_notes, then passes on to INTEGRATING_CHANGES', async () => {
    const { row: blocked } = await ticketWithWorktree({ maxIterations: 1 });
    const { id, externalId: ref } = blocked;
    agent.push(scripted(1), () => 'The test exits 1.');
    core.services.runner.kick(id);
    await core.services.runner.idle(id);
    expect(await core.services.tickets.get(ref)).toMatchObject({
      status: 'BLOCKED_ERROR',
      previousStatus: 'RUNNING_FINAL_TEST',
      errorCodes: ['TESTS_FAILED'],
    });

    agent.push((worktree, request) => {
      expect(request.text).toContain('USER-NOTE: exit 0 when sum works');
      expect(request.text).toContain('attempt 2 of 2');
      return scripted(0)(worktree);
    });
    await core.services.workflow.retry(ref, 'USER-NOTE: exit 0 when sum works');
    await core.services.runner.idle(id);
    const row = await core.services.tickets.resolve(ref);
    const notes = await core.services.artifacts.latest(row, 'final_test_notes');
    expect(JSON.parse(notes?.content ?? '{}').notes.map((n: { source: string }) => n.source)).toEqual(['ai', 'user']);
    const history = await core.db
      .select()
      .from(ticketStatusHistory)
      .where(eq(ticketStatusHistory.ticketId, id))
      .orderBy(asc(ticketStatusHistory.id));
    expect(history.map((h) => `${h.fromStatus} → ${h.toStatus}`)).toContain('RUNNING_FINAL_TEST → INTEGRATING_CHANGES');
    // Delivery read the audit's candidates (CONTRACTS.md 8), not "all changed paths".
    const integration = await core.services.artifacts.latest(row, 'integration_report');
    expect(JSON.parse(integration?.content ?? '{}')).toMatchObject({
      candidateSource: 'final_test_file_effects_audit',
    });
  });
});
