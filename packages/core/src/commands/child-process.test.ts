import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChildProcessRunner } from './child-process.ts';

// The real runner on real processes: exit codes, output tails, and that a timeout or an abort kills the whole
// process group (a grandchild started by the shell included), observed through a pid file and `kill -0`.

/** Running, not a zombie: a killed orphan stays a zombie until the container's init reaps it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('child-process command runner', () => {
  let root: string;
  const runner = createChildProcessRunner({ env: { PATH: process.env.PATH }, killGraceMs: 500 });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'lt-cmd-'));
    await mkdir(join(root, 'sub'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reports the exit code and the output tails of a program run without a shell', async () => {
    const ok = await runner.run({
      command: { program: 'node', args: ['-e', 'console.log("out"); console.error("err")'] },
      root,
    });
    expect(ok).toMatchObject({ exitCode: 0, signal: null, stdoutTail: 'out\n', stderrTail: 'err\n', timedOut: false });
    const failed = await runner.run({ command: { shell: 'sh', script: 'exit 3' }, root });
    expect(failed).toMatchObject({ exitCode: 3, timedOut: false, aborted: false });
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs in the repo-relative cwd with the request env on top of the base env', async () => {
    const result = await runner.run({
      command: { shell: 'sh', script: 'pwd; echo "$GREETING"' },
      root,
      cwd: 'sub',
      env: { GREETING: 'hello' },
    });
    expect(result.stdoutTail.split('\n')).toEqual([expect.stringMatching(/\/sub$/), 'hello', '']);
  });

  it('refuses a cwd outside the root', async () => {
    await expect(runner.run({ command: { shell: 'sh', script: 'true' }, root, cwd: '../' })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
  });

  it('keeps only the tail of a long output', async () => {
    const small = createChildProcessRunner({ env: { PATH: process.env.PATH }, tailChars: 10 });
    const result = await small.run({
      command: { program: 'node', args: ['-e', 'process.stdout.write("x".repeat(50000) + "0123456789")'] },
      root,
    });
    expect(result.stdoutTail).toBe('0123456789');
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const pidFile = join(root, 'timeout.pid');
    const result = await runner.run({
      command: { shell: 'sh', script: `sleep 30 & echo $! > ${pidFile}; wait` },
      root,
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: 'SIGTERM' });
    expect(result.durationMs).toBeLessThan(5_000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(grandchild)).toBe(false);
  });

  it('kills the group when aborted, and escalates to SIGKILL when SIGTERM is ignored', async () => {
    const controller = new AbortController();
    const running = runner.run({
      command: { shell: 'sh', script: "trap '' TERM; echo ready; while true; do sleep 0.1; done" },
      root,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const result = await running;
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: 'SIGKILL' });
    expect(result.stdoutTail).toBe('ready\n');
  });

  it('does not start a command whose signal is already aborted', async () => {
    const pidFile = join(root, 'never.pid');
    const result = await runner.run({
      command: { shell: 'sh', script: `echo $$ > ${pidFile}` },
      root,
      signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ aborted: true, exitCode: null });
    expect(existsSync(pidFile)).toBe(false);
  });

  it('stops processes the command left running in the background when it exits', async () => {
    const pidFile = join(root, 'daemon.pid');
    const result = await runner.run({
      command: { shell: 'sh', script: `sleep 30 & echo $! > ${pidFile}` },
      root,
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ exitCode: 0, timedOut: false });
    const daemon = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(daemon)).toBe(false);
  });

  it('rejects when the program cannot start at all', async () => {
    await expect(runner.run({ command: { program: 'lt-no-such-program' }, root })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
