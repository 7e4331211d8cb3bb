import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. Resolves once the process is gone. */
  kill(): Promise<void>;
}

/** The real server as one separate process (node with the tsx loader, no wrapper), so SIGKILL really kills it. */
export async function spawnServer(
  env: Record<string, string | undefined>,
  port: number,
  /** Append the server's stdout and stderr here (for a failing test's story); discarded by default. */
  logFile?: string,
): Promise<ServerProcess> {
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    cwd: repoRoot,
    env: { ...process.env, ...env, LOOPTROOP_PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  if (typeof out === 'number') closeSync(out);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { child, kill };
    await new Promise((r) => setTimeout(r, 200));
  }
  await kill();
  throw new Error('server did not start');
}
