import { execFile } from 'node:child_process';
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
  signal?: AbortSignal;
}

/**
 * Run git and keep its exit code and both streams. Delivery reads push refusals from stderr, so it cannot use
 * simple-git (which resolves some failing commands that print nothing, see git/worktree.ts).
 */
export function runGit(cwd: string, args: string[], options: GitRunOptions = {}): Promise<GitResult> {
  const env = options.env ? { ...options.env, GIT_TERMINAL_PROMPT: '0' } : undefined;
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env, timeout: options.timeoutMs ?? 120_000, signal: options.signal, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
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
