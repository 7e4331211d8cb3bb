import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type CommandSpec, commandText, toInvocation } from './command-spec.ts';
import type { ProbeOutcome } from './setup-verification.ts';

// The command runner the execution phases need (consumer-owned port, STYLE.md §2): run one command spec in the
// worktree with its env and a deadline, kill the whole process group on timeout or abort, keep the output's tail.

export interface CommandRun {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
  durationMs: number;
}

export interface CommandRunner {
  run(
    spec: CommandSpec,
    options: { root: string; env: Record<string, string | undefined>; timeoutMs: number; signal: AbortSignal },
  ): Promise<CommandRun>;
}

const TAIL_CHARS = 4000;

/** The real runner: a child process per command, in its own process group (POSIX) so a kill reaches its children. */
export const processRunner: CommandRunner = {
  run(spec, options) {
    const { file, args } = toInvocation(spec);
    const started = Date.now();
    return new Promise((resolve) => {
      let output = '';
      let timedOut = false;
      let settled = false;
      const child = spawn(file, args, {
        cwd: join(options.root, spec.cwd),
        env: { ...options.env, ...spec.env },
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const append = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-TAIL_CHARS);
      };
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      const kill = () => {
        if (child.pid === undefined || child.exitCode !== null) return;
        try {
          if (process.platform === 'win32') child.kill('SIGKILL');
          else process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const limit = spec.timeoutSeconds ? Math.min(spec.timeoutSeconds * 1000, options.timeoutMs) : options.timeoutMs;
      const timer = setTimeout(
        () => {
          timedOut = true;
          kill();
        },
        Math.max(1, limit),
      );
      const onAbort = () => kill();
      options.signal.addEventListener('abort', onAbort, { once: true });
      const finish = (exitCode: number | null, error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        if (error) output = `${output}${output ? '\n' : ''}${error.message}`.slice(-TAIL_CHARS);
        resolve({ exitCode, timedOut, output, durationMs: Date.now() - started });
      };
      child.on('error', (error) => finish(127, error));
      child.on('close', (code) => finish(code));
    });
  },
};

/** Run one probe and describe it the way the report and the verification read it. */
export async function runProbe(
  runner: CommandRunner,
  probe: { id: string; kind: ProbeOutcome['kind']; command: CommandSpec },
  options: Parameters<CommandRunner['run']>[1],
): Promise<ProbeOutcome> {
  const run = await runner.run(probe.command, options);
  return {
    id: probe.id,
    kind: probe.kind,
    command: commandText(probe.command),
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    outputTail: run.output.slice(-1000),
    durationMs: run.durationMs,
  };
}
