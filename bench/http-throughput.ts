// `pnpm bench:http [--tickets 1000] [--seconds 10] [--bin PATH]`: start the built `looptroop` (packages/looptroop,
// `pnpm build` first; `--bin` runs another one, e.g. an older checkout's packages/cli/bin/looptroop.js) as its own process, measure how fast /api/health answers, seed one project with N tickets through the API,
// and load GET /api/health and GET /api/tickets with 10 keep-alive connections (plain and gzip). Prints one JSON line
// per measurement; bench/README.md keeps the results.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad } from './http-load.ts';

const { values } = parseArgs({
  options: { tickets: { type: 'string' }, seconds: { type: 'string' }, bin: { type: 'string' } },
});
const BIN = values.bin ?? fileURLToPath(new URL('../packages/looptroop/bin/looptroop.js', import.meta.url));
const ticketCount = Number(values.tickets ?? 1000);
const durationMs = Number(values.seconds ?? 10) * 1000;
const CONNECTIONS = 10;

interface Started {
  url: string;
  child: ChildProcess;
  /** From spawn to the first 200 of /api/health. */
  readyMs: number;
}

async function startServer(dataDir: string): Promise<Started> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir, '--no-opencode'], {
    stdio: ['ignore', 'pipe', 'inherit'],
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
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, readyMs: Math.round(performance.now() - spawnedAt) };
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time the server process has used (user + system), in ms (Linux /proc, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of the server process after it settled, in MB (Linux /proc). */
function rssMb(pid: number | undefined): number {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function post(url: string, body: unknown): Promise<{ id: number | string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: number | string }; // our own API's answer, shape known
}

async function seed(url: string, dir: string): Promise<void> {
  const repo = join(dir, 'repo');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  execFileSync('git', ['-C', repo, 'add', '.']);
  execFileSync('git', ['-C', repo, '-c', 'user.email=b@example.com', '-c', 'user.name=b', 'commit', '-qm', 'init']);
  const project = await post(`${url}/api/projects`, { name: 'Bench', shortname: 'BENCH', folderPath: repo });
  for (let i = 0; i < ticketCount; i += CONNECTIONS) {
    await Promise.all(
      Array.from({ length: Math.min(CONNECTIONS, ticketCount - i) }, (_, j) =>
        post(`${url}/api/tickets`, {
          projectId: project.id,
          title: `Ticket ${i + j}: add a greeting endpoint`,
          description: 'Users see a greeting on the home page. '.repeat(4),
        }),
      ),
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lt-bench-'));
const dataDir = join(dir, 'data');
try {
  const ready: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = await startServer(join(dir, `boot-${run}`));
    ready.push(started.readyMs);
    await stop(started.child);
  }
  console.log(JSON.stringify({ measure: 'start → /api/health', ms: ready, medianMs: ready.sort((a, b) => a - b)[1] }));

  const server = await startServer(dataDir);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  console.log(JSON.stringify({ measure: 'idle RSS', processes: 1, rssMb: rssMb(server.child.pid) }));
  // Server CPU per request as well as req/s: on a shared machine the first is steady when the second is not.
  const load = async (path: string, headers?: Record<string, string>) => {
    const cpuBefore = cpuMs(server.child.pid);
    const result = await runLoad(`${server.url}${path}`, {
      connections: CONNECTIONS,
      durationMs,
      ...(headers && { headers }),
    });
    const serverCpuMsPerRequest = Number(((cpuMs(server.child.pid) - cpuBefore) / result.requests).toFixed(2));
    return { ...result, serverCpuMsPerRequest };
  };
  console.log(JSON.stringify({ measure: 'GET /api/health', ...(await load('/api/health')) }));
  // `--tickets 0`: start-up and /api/health only.
  if (ticketCount > 0) {
    await seed(server.url, dir);
    console.log(JSON.stringify({ measure: `GET /api/tickets (${ticketCount})`, ...(await load('/api/tickets')) }));
    const gzip = await load('/api/tickets', { 'accept-encoding': 'gzip' });
    console.log(JSON.stringify({ measure: `GET /api/tickets (${ticketCount}), gzip`, ...gzip }));
  }
  await stop(server.child);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
