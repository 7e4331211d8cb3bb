import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathInside } from '../files/node-files.ts';
import type { CommandRequest, CommandResult, CommandRunner } from './port.ts';

export interface ChildProcessRunnerOptions {
  /** The base environment of every command (the server's own, handed in by the composition root). */
  env: Record<string, string | undefined>;
  /** Characters kept from the end of stdout and of stderr (default 16 000). */
  tailChars?: number;
  /** After SIGTERM, how long the group has before SIGKILL (default 2 s). */
  killGraceMs?: number;
}

/** Keeps only the last `limit` characters of a stream. */
function tail(limit: number) {
  let text = '';
  return {
    push(chunk: Buffer) {
      text += chunk.toString('utf8');
      if (text.length > 2 * limit) text = text.slice(-limit);
    },
    value: () => text.slice(-limit),
  };
}

/** Signal the whole process group (negative pid): the shell's children die with it. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

/**
 * The real command runner over node:child_process. Each command gets its own process group (`detached`), so a
 * timeout or an abort kills everything it started (SIGTERM, then SIGKILL after a grace period), and processes it
 * left running in the background are stopped when it exits: a test command must not leave servers behind.
 */
export function createChildProcessRunner(options: ChildProcessRunnerOptions): CommandRunner {
  const tailChars = options.tailChars ?? 16_000;
  const graceMs = options.killGraceMs ?? 2_000;

  async function run(request: CommandRequest): Promise<CommandResult> {
    const cwd = await pathInside(request.root, request.cwd ?? '.', { allowRoot: true });
    const started = performance.now();
    const stdout = tail(tailChars);
    const stderr = tail(tailChars);
    const flags = { timedOut: false, aborted: false };
    const finish = (exitCode: number | null, signal: string | null): CommandResult => ({
      exitCode,
      signal,
      stdoutTail: stdout.value(),
      stderrTail: stderr.value(),
      durationMs: Math.round(performance.now() - started),
      ...flags,
    });
    if (request.signal?.aborted) {
      flags.aborted = true;
      return finish(null, null);
    }
    const [program, args] =
      'program' in request.command
        ? [request.command.program, request.command.args ?? []]
        : [request.command.shell, ['-c', request.command.script]];
    const child = spawn(program, args, {
      cwd,
      env: { ...options.env, ...request.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', stdout.push);
    child.stderr.on('data', stderr.push);

    let escalation: NodeJS.Timeout | undefined;
    const stop = (reason: keyof typeof flags) => {
      if (flags.timedOut || flags.aborted) return;
      flags[reason] = true;
      killGroup(child.pid, 'SIGTERM');
      escalation = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
    };
    const deadline = request.timeoutMs ? setTimeout(() => stop('timedOut'), request.timeoutMs) : undefined;
    const onAbort = () => stop('aborted');
    request.signal?.addEventListener('abort', onAbort, { once: true });

    try {
      return await new Promise<CommandResult>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', () => killGroup(child.pid, 'SIGKILL'));
        child.once('close', (code, signal) => resolve(finish(code, signal)));
      });
    } finally {
      clearTimeout(deadline);
      clearTimeout(escalation);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  return { run };
}
