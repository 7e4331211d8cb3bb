import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/looptroop.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` shows up on the stream, rejects after `timeoutMs` or when the process exits first. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** The shell environment minus what would point the binary at a server other than the test's own. */
function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LOOPTROOP_')));
}

/**
 * Spawn the real `looptroop` binary from a directory that is not the repo, as a user would run it; `env` is added to
 * the cleaned environment (an `EDITOR`, say). `bin` is the checkout's by default; the pack test passes an installed one.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}, bin = BIN): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd: tmpdir(), env: { ...cleanEnv(), ...env } });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  const state = { hasExited: false };
  void exited.then(() => {
    state.hasExited = true;
  });
  return {
    child,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    exited,
    async waitFor(stream, pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output[stream]);
        if (match) return match;
        if (state.hasExited || Date.now() > deadline) {
          throw new Error(`no ${pattern} on ${stream}; stdout: ${output.stdout}\nstderr: ${output.stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Run the binary to completion (killed after `timeoutMs`). */
export async function runCli(
  args: string[],
  timeoutMs = 30_000,
  env: Record<string, string> = {},
  bin = BIN,
): Promise<CliResult> {
  const cli = spawnCli(args, env, bin);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  const code = await cli.exited;
  clearTimeout(timer);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}
