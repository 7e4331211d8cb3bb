import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  pid: number;
  /** stdout and stderr lines so far, for error messages. */
  output: string[];
  isRunning(): boolean;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once the process exited. */
  stop(graceMs?: number): Promise<void>;
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is already gone
  }
}

/** Run `opencode serve` in its own process group, so close() also ends anything it spawned (shells, tools). */
export function spawnServer(binary: string, port: number, cwd: string, env: Record<string, string>): ServerProcess {
  const child: ChildProcess = spawn(binary, ['serve', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${binary}`);
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A crashed test runner must not leave the server behind.
  const onExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', onExit);

  return {
    pid,
    output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop(graceMs = 5_000) {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (!killGroup(pid, 'SIGTERM')) return;
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll `GET /global/health` until it answers `{ healthy: true }`; fails early if the process died. */
export async function waitForHealth(url: string, isAlive: () => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('opencode serve exited before it became healthy');
    const body: unknown = await fetch(`${url}/global/health`, { signal: AbortSignal.timeout(1_000) })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    if (typeof body === 'object' && body !== null && 'healthy' in body && body.healthy === true) {
      return 'version' in body && typeof body.version === 'string' ? body.version : 'unknown';
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`opencode serve did not become healthy within ${timeoutMs} ms`);
}
