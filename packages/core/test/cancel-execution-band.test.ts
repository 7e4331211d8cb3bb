import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../src/context.ts';
import { git, startDeliveryCore, ticketReadyToIntegrate } from './delivery-core.ts';

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
