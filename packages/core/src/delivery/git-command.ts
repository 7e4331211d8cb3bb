import { spawn } from 'node:child_process';
import { killGroup } from '../commands/child-process.ts';
import { DeliveryError } from './delivery-error.ts';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  /** The environment for git; prompts are switched off on top of it so a push never waits for a password. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Cancel (workflow.md §4.5): kills git's whole process group, hooks and what they started included. */
  signal?: AbortSignal;
}

/** After SIGTERM (git removes its lock files on it), how long the group has before SIGKILL. */
const KILL_GRACE_MS = 1_000;

/**
 * Run git and keep its exit code and both streams. Delivery reads push refusals from stderr, so it cannot use
 * simple-git (which resolves some failing commands that print nothing, see git/worktree.ts). git runs in its own
 * process group, like the project's commands (commands/child-process.ts): a native hook it runs (§10.13) dies with
 * it on cancel or timeout instead of running on. An aborted or timed-out run rejects.
 */
export function runGit(cwd: string, args: string[], options: GitRunOptions = {}): Promise<GitResult> {
  const env = options.env ? { ...options.env, GIT_TERMINAL_PROMPT: '0' } : undefined;
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn('git', args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let stopped: unknown;
    let escalation: NodeJS.Timeout | undefined;
    const stop = (reason: unknown) => {
      if (stopped) return;
      stopped = reason;
      killGroup(child.pid, 'SIGTERM');
      escalation = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timeoutMs = options.timeoutMs ?? 120_000;
    const deadline = setTimeout(
      () => stop(new Error(`git ${args[0]} timed out after ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    const onAbort = () => stop(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(deadline);
      clearTimeout(escalation);
      signal?.removeEventListener('abort', onAbort);
    };
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    // A hook may leave children behind in the group when git exits: they go with it.
    child.once('exit', () => killGroup(child.pid, 'SIGKILL'));
    child.once('close', (code) => {
      settle();
      if (stopped) return reject(stopped);
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Run git and return trimmed stdout; a non-zero exit is a GIT_FAILED delivery error naming the command. */
export async function git(cwd: string, args: string[], options: GitRunOptions = {}): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) {
    throw new DeliveryError('GIT_FAILED', `git ${args[0]} failed: ${firstLine(result.stderr || result.stdout)}`, {
      command: `git ${args.join(' ')}`,
      exitCode: result.code,
      stderr: result.stderr.slice(0, 4000),
    });
  }
  return result.stdout.trim();
}

/** True when `ancestor` is reachable from `descendant` (both must exist locally). */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(cwd, ['merge-base', '--is-ancestor', ancestor, descendant]);
  if (result.code === 0) return true;
  if (result.code === 1) return false;
  throw new DeliveryError('GIT_FAILED', `git merge-base failed: ${firstLine(result.stderr)}`, {
    command: `git merge-base --is-ancestor ${ancestor} ${descendant}`,
  });
}

export const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';
