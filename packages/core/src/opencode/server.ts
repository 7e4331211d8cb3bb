import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/**
 * The `opencode` binary to supervise, or null when there is none. The pinned `opencode-ai` package comes first (the
 * version LoopTroop is tested against); the published package declares it optional, so when npm skipped it
 * (`--omit=optional`, an unsupported platform) an `opencode` on `PATH` is used instead.
 */
export function findOpencodeBinary(path = '', pinnedBinary = findPinnedBinary): string | null {
  const pinned = pinnedBinary();
  if (pinned) return pinned;
  for (const dir of path.split(delimiter)) {
    const bin = dir && join(dir, 'opencode');
    if (bin && existsSync(bin)) return bin;
  }
  return null;
}

/** The binary the pinned `opencode-ai` package installed, or null when npm left it out. */
function findPinnedBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('opencode-ai/package.json');
    const bin = join(dirname(pkg), 'bin', 'opencode.exe');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

export interface ManagedOpencode {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOpencodeOptions {
  binary: string;
  hostname: string;
  port: number;
  cwd: string;
  env: Record<string, string | undefined>;
  readyTimeoutMs?: number;
  onOutput?: (line: string) => void;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`opencode serve exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/global/health`, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`opencode serve did not become healthy within ${timeoutMs} ms`);
}

/**
 * Start `opencode serve` on loopback in its own process group (architecture.md §5.1 supervisor) and wait until
 * it answers. `stop()` sends SIGTERM to the group, then SIGKILL after 5 s.
 */
export async function startOpencode(options: StartOpencodeOptions): Promise<ManagedOpencode> {
  const child = spawn(options.binary, ['serve', '--hostname', options.hostname, '--port', String(options.port)], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const url = `http://${options.hostname}:${options.port}`;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${options.binary}`);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // the group is already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(url, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, stop };
}
