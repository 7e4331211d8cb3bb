// The built `looptroop` (packages/looptroop, `pnpm build` first) as its own process, the way a user runs it, plus
// the /proc readings the benchmarks take of it. Shared by `pnpm bench` and `pnpm bench:http`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILT_BIN = fileURLToPath(new URL('../packages/looptroop/bin/looptroop.js', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** From spawn to the first 200 of /api/health. */
  readyMs: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  bin?: string;
  /** Extra environment (LOOPTROOP_OPENCODE_URL, LOOPTROOP_DEV_EVENTS …); PATH and HOME are passed through. */
  env?: Record<string, string>;
  /** Without OpenCode unless the environment names one. */
  noOpencode?: boolean;
  /** Node flags (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}

export async function startServer(dataDir: string, options: StartOptions = {}): Promise<ServerProcess> {
  const spawnedAt = performance.now();
  const args = [...(options.nodeArgs ?? []), options.bin ?? BUILT_BIN, 'start', '--port', '0', '--data-dir', dataDir];
  if (options.noOpencode ?? true) args.push('--no-opencode');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`looptroop start exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
  }
  const readyMs = Math.round(performance.now() - spawnedAt);
  return {
    url,
    child,
    readyMs,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time a process has used (user + system), in ms (Linux /proc, clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** The 1-minute load average, to print beside figures taken on a shared machine. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const sendsBody = method !== 'GET' && method !== 'DELETE';
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(sendsBody && { 'content-type': 'application/json' }), ...headers },
    ...(sendsBody && { body: JSON.stringify(body ?? {}) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T; // our own API's answer, shape known to the caller
}

/** A git repository with one commit, for a project to attach. */
export function makeRepo(dir: string): string {
  const repo = join(dir, 'repo');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  execFileSync('git', ['-C', repo, 'add', '.']);
  execFileSync('git', ['-C', repo, '-c', 'user.email=b@example.com', '-c', 'user.name=b', 'commit', '-qm', 'init']);
  return repo;
}

/** One project with `count` DRAFT tickets, created through the API 10 at a time; each create is timed. */
export async function seedTickets(
  base: string,
  dir: string,
  count: number,
): Promise<{ projectId: number; refs: string[]; createMs: number[]; perSecond: number }> {
  const project = await api<{ id: number }>(base, 'POST', '/api/projects', {
    name: 'Bench',
    shortname: 'BENCH',
    folderPath: makeRepo(dir),
  });
  const refs: string[] = [];
  const createMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
        const sent = performance.now();
        const ticket = await api<{ id: string }>(base, 'POST', '/api/tickets', {
          projectId: project.id,
          title: `Ticket ${i + j}: add a greeting endpoint`,
          description: 'Users see a greeting on the home page. '.repeat(4),
        });
        createMs.push(performance.now() - sent);
        refs.push(ticket.id);
      }),
    );
  }
  const perSecond = Math.round(count / ((performance.now() - started) / 1000));
  return { projectId: project.id, refs, createMs, perSecond };
}
