import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo } from '@looptroop/testkit';
import { beadRecord, fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { readPlan, writePlan } from '../src/beads/plan-store.ts';
import type { Core } from '../src/context.ts';
import { aiTurnMetrics, opencodeSessions } from '../src/db/schema.ts';
import { marker } from './coding-harness.ts';
import { git, startDeliveryCore, ticketIn, ticketReadyToIntegrate } from './delivery-core.ts';

// workflow.md §4.5 CANCEL in the execution band, through the real core: INTEGRATING_CHANGES commits with the
// repository's own pre-commit hook (`use_native_hooks`, §10.13), and that hook starts a real child process that would
// run 60 s. Cancel must kill git's whole process group (the hook's child included) within about 2 s, leave the
// worktree consistent (no lock files, no half-made squash) and record nothing of the aborted phase afterwards.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Alive and not a zombie waiting to be reaped (`/proc/<pid>/stat` state Z). */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A ticket in INTEGRATING_CHANGES whose commit runs a pre-commit hook that starts `sleep 60` and waits for it. */
async function ticketWithLongHook(core: Core) {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const ticket = await ticketReadyToIntegrate(core, repo, { gitHookPolicy: 'use_native_hooks' });
  // Installed after the bead commits, so only integration's candidate commit runs it.
  const pidFile = join(repo.dir, '..', `hook-${Date.now()}.pid`);
  const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
  await writeFile(hook, `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`);
  await chmod(hook, 0o755);
  const beadsHead = git(ticket.worktree, 'rev-parse', 'HEAD');
  core.services.runner.kick(ticket.id);
  const pid = await waitFor(
    'the hook to start its child',
    async () => Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || null,
    20_000,
  );
  expect(await isAlive(pid)).toBe(true);
  return { ...ticket, repo, pid, beadsHead };
}

/** The cancel body's defaults (§4.5): keep the worktree, branch and logs. */
const KEEP = { deleteContent: false, deleteLog: false };

const gitDirOf = (worktree: string) => git(worktree, 'rev-parse', '--absolute-git-dir');

describe('cancel in the execution band (§4.5)', () => {
  it('kills the running command group within 2 s, keeps the repository consistent and records nothing late', async () => {
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketWithLongHook(core);
    const row = await core.services.tickets.resolve(ticket.ref);
    const artifactsBefore = (await core.services.artifacts.list(row, {})).length;

    const started = Date.now();
    const canceled = await core.services.workflow.cancel({ id: ticket.ref, ...KEEP });
    await waitFor('the hook child to die', async () => ((await isAlive(ticket.pid)) ? null : true), 2_000);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(canceled.status).toBe('CANCELED');

    // No half-made squash: HEAD is the last bead commit again, the index matches it, and no lock is left.
    expect(git(ticket.worktree, 'rev-parse', 'HEAD')).toBe(ticket.beadsHead);
    expect(git(ticket.worktree, 'status', '--porcelain', '--', '.', ':(exclude).ticket')).toBe('');
    expect(existsSync(join(gitDirOf(ticket.worktree), 'index.lock'))).toBe(false);
    // Kept by default: the branch and the worktree stay for the user.
    expect(git(ticket.repo.dir, 'branch', '--list', ticket.ref)).toContain(ticket.ref);

    // Nothing of the aborted phase is recorded, now or a moment later.
    const log = await readFile(join(ticket.worktree, '.ticket', 'runtime', 'execution-log.jsonl'), 'utf8').catch(
      () => '',
    );
    await new Promise((r) => setTimeout(r, 500));
    await core.services.runner.idle(ticket.id);
    const after = await core.services.tickets.resolve(ticket.ref);
    expect(after.status).toBe('CANCELED');
    expect(await core.services.artifacts.list(after, {})).toHaveLength(artifactsBefore);
    expect(await core.services.artifacts.latest(after, 'integration_report')).toBeUndefined();
    expect(
      await readFile(join(ticket.worktree, '.ticket', 'runtime', 'execution-log.jsonl'), 'utf8').catch(() => ''),
    ).toBe(log);
  });

  it('refuses a late artifact write of work that finished after the cancel', async () => {
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketWithLongHook(core);
    const stale = await core.services.tickets.resolve(ticket.ref);
    await core.services.workflow.cancel({ id: ticket.ref, ...KEEP });
    // A phase still holding its row writes its result after the cancel returned: refused, nothing stored.
    await expect(
      core.services.artifacts.write(stale, 'INTEGRATING_CHANGES', 'integration_report', '{}'),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await core.services.artifacts.latest(stale, 'integration_report')).toBeUndefined();
  });

  it('deleteContent removes the worktree (read-only caches included) and its branch', async () => {
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketWithLongHook(core);
    const cache = join(ticket.worktree, '.cache', 'go-mod');
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'module.go'), 'package m\n');
    await chmod(cache, 0o555);

    const canceled = await core.services.workflow.cancel({ id: ticket.ref, deleteContent: true, deleteLog: false });
    expect(canceled.status).toBe('CANCELED');
    expect(await isAlive(ticket.pid)).toBe(false);
    expect(existsSync(ticket.worktree)).toBe(false);
    expect(git(ticket.repo.dir, 'branch', '--list', ticket.ref)).toBe('');
    expect(git(ticket.repo.dir, 'worktree', 'list')).not.toContain(ticket.ref);
  });

  it('removes the lock files a killed git left in the worktree', async () => {
    const core = await startDeliveryCore(cleanups);
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const ticket = await ticketReadyToIntegrate(core, repo);
    const gitDir = gitDirOf(ticket.worktree);
    // What a SIGKILLed `git commit` leaves behind: git refuses every later write in this worktree while they exist.
    await writeFile(join(gitDir, 'index.lock'), '');
    await writeFile(join(gitDir, 'HEAD.lock'), '');
    expect(() => git(ticket.worktree, 'commit', '--allow-empty', '-m', 'blocked')).toThrow(/index.lock/);

    await core.services.workflow.cancel({ id: ticket.ref, ...KEEP });
    expect(existsSync(join(gitDir, 'index.lock'))).toBe(false);
    expect(existsSync(join(gitDir, 'HEAD.lock'))).toBe(false);
    git(ticket.worktree, 'commit', '--allow-empty', '-m', 'works again');
  });
});

describe('cancel during CODING (§4.5)', () => {
  it('aborts the bead session, abandons it, and a reply arriving after the abort changes nothing', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    let prompted: () => void = () => undefined;
    const promptStarted = new Promise<void>((r) => {
      prompted = r;
    });
    let answerLate: () => void = () => undefined;
    const aborted: string[] = [];
    // The agent edits the worktree, then keeps working; when aborted, its "done" reply still arrives (a late result).
    const runtime = fakeRuntime({
      createSession: async () => 'ses_1',
      async prompt(request) {
        await mkdir(join(request.directory, 'src'), { recursive: true });
        await writeFile(join(request.directory, 'src', 'a.js'), 'export const a = 1;\n');
        prompted();
        await new Promise<void>((r) => {
          answerLate = r;
        });
        return {
          messageId: 'msg_1',
          text: marker('a'),
          tokens: { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
          costUsd: 0,
          finish: 'stop',
          error: null,
          toolCalls: [],
        };
      },
      async abort(sessionId) {
        aborted.push(sessionId);
        answerLate();
      },
    });
    const core = await startDeliveryCore(cleanups, {}, runtime);
    const ticket = await ticketIn(core, repo, 'CODING', 'PREPARING_EXECUTION_ENV');
    const row = await core.services.tickets.resolve(ticket.ref);
    await writePlan(core.services.artifacts, row, 'EXPANDING_BEADS', [beadRecord('a', 1)]);
    const base = git(ticket.worktree, 'rev-parse', 'HEAD');
    core.services.runner.kick(ticket.id);
    await promptStarted;
    const artifactsBefore = (await core.services.artifacts.list(row, {})).map((a) => a.artifactType);

    const canceled = await core.services.workflow.cancel({ id: ticket.ref, ...KEEP });
    await core.services.runner.idle(ticket.id);
    await new Promise((r) => setTimeout(r, 300));

    expect(canceled.status).toBe('CANCELED');
    expect(aborted).toContain('ses_1');
    const session = await core.db.select().from(opencodeSessions).where(eq(opencodeSessions.sessionId, 'ses_1'));
    expect(session[0]?.state).toBe('abandoned');
    // The late reply never counted as a turn: the prompt ended as canceled.
    expect(await core.db.select().from(aiTurnMetrics).where(eq(aiTurnMetrics.sessionId, 'ses_1'))).toEqual([]);
    // The late "done" was not acted on: no bead commit, the bead is not done, no bead artifact after the cancel.
    expect(git(ticket.worktree, 'rev-parse', 'HEAD')).toBe(base);
    expect(git(ticket.worktree, 'log', '--format=%s', `${base}..HEAD`)).toBe('');
    const after = await core.services.tickets.resolve(ticket.ref);
    expect(after.status).toBe('CANCELED');
    expect((await readPlan(core.services.artifacts, after))?.beads[0]?.status).not.toBe('done');
    const artifactsAfter = (await core.services.artifacts.list(after, {})).map((a) => a.artifactType);
    expect(artifactsAfter).toEqual(artifactsBefore);
    expect(existsSync(join(gitDirOf(ticket.worktree), 'index.lock'))).toBe(false);
  });

  it("kills the hook validation's process group and makes no bead commit once canceled (§10.13 Check)", async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const pidFile = join(repo.dir, '..', `validation-${Date.now()}.pid`);
    // The agent edits the worktree and says done at once; finalization then runs the approved pre-commit validation.
    const runtime = fakeRuntime({
      createSession: async () => 'ses_1',
      async prompt(request) {
        await mkdir(join(request.directory, 'src'), { recursive: true });
        await writeFile(join(request.directory, 'src', 'a.js'), 'export const a = 1;\n');
        return {
          messageId: 'msg_1',
          text: marker('a'),
          tokens: { input: 1, output: 1, reasoning: 0, cacheRead: 0, cacheWrite: 0 },
          costUsd: 0,
          finish: 'stop',
          error: null,
          toolCalls: [],
        };
      },
    });
    const core = await startDeliveryCore(cleanups, {}, runtime);
    const ticket = await ticketIn(core, repo, 'CODING', 'PREPARING_EXECUTION_ENV');
    const row = await core.services.tickets.resolve(ticket.ref);
    await writePlan(core.services.artifacts, row, 'EXPANDING_BEADS', [beadRecord('a', 1)]);
    const plan = setupPlanWithValidation(`sleep 60 & echo $! > '${pidFile}'; wait`);
    await core.services.artifacts.write(row, 'WAITING_EXECUTION_SETUP_APPROVAL', 'execution_setup_plan', plan);
    const base = git(ticket.worktree, 'rev-parse', 'HEAD');
    core.services.runner.kick(ticket.id);
    const pid = await waitFor(
      'the validation to start',
      async () => Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || null,
      20_000,
    );

    const started = Date.now();
    expect((await core.services.workflow.cancel({ id: ticket.ref, ...KEEP })).status).toBe('CANCELED');
    await waitFor('the validation to die', async () => ((await isAlive(pid)) ? null : true), 2_000);
    expect(Date.now() - started).toBeLessThan(2_500);
    await core.services.runner.idle(ticket.id);
    expect(git(ticket.worktree, 'rev-parse', 'HEAD')).toBe(base);
    expect(existsSync(join(gitDirOf(ticket.worktree), 'index.lock'))).toBe(false);
  });
});

/** An approved setup plan whose git-hook policy is Check with one pre-commit validation (§10.13). */
function setupPlanWithValidation(script: string): string {
  const sh = { kind: 'script', shell: 'posix', script, cwd: '.', env: {}, timeoutSeconds: null };
  return JSON.stringify({
    schemaVersion: '1',
    ticketId: 'APP-1',
    artifact: 'execution_setup_plan',
    status: 'draft',
    summary: 'Node works',
    readiness: { status: 'ready', actionsRequired: false, evidence: [], gaps: [] },
    tempRoots: [],
    hostContext: { os: 'linux', wsl: false, arch: 'x64', shells: [], preferredShell: 'posix' },
    workspaceInputs: [],
    workspaceProbes: [],
    gitHooks: {
      policy: 'validate_advisory',
      detected: [],
      validationCommands: [{ id: 'slow', hook: 'pre-commit', command: sh, purpose: 'a slow check' }],
    },
    steps: [],
    projectCommands: { prepare: [], testFull: [], lintFull: [], typecheckFull: [] },
    qualityGatePolicy: { tests: 'a', lint: 'b', typecheck: 'c', fullProjectFallback: 'd' },
    cautions: [],
  });
}
