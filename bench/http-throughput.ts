// `pnpm bench:http [--tickets 1000] [--seconds 10] [--bin PATH]`: start the built `looptroop` (packages/looptroop,
// `pnpm build` first; `--bin` runs another one, e.g. an older checkout's packages/cli/bin/looptroop.js) as its own
// process, measure how fast /api/health answers, seed one project with N tickets through the API, and load
// GET /api/health and GET /api/tickets with 10 keep-alive connections (plain and gzip). Prints one JSON line per
// measurement; bench/README.md keeps the results. `pnpm bench` is the whole suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './http-load.ts';
import { cpuMs, rssMb, seedTickets, startServer } from './server-process.ts';

const { values } = parseArgs({
  options: { tickets: { type: 'string' }, seconds: { type: 'string' }, bin: { type: 'string' } },
});
const bin = values.bin ? { bin: values.bin } : {};
const ticketCount = Number(values.tickets ?? 1000);
const durationMs = Number(values.seconds ?? 10) * 1000;
const CONNECTIONS = 10;

const dir = mkdtempSync(join(tmpdir(), 'lt-bench-'));
try {
  const ready: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = await startServer(join(dir, `boot-${run}`), bin);
    ready.push(started.readyMs);
    await started.stop();
  }
  console.log(JSON.stringify({ measure: 'start → /api/health', ms: ready, medianMs: ready.sort((a, b) => a - b)[1] }));

  const server = await startServer(join(dir, 'data'), bin);
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
    await seedTickets(server.url, dir, ticketCount);
    console.log(JSON.stringify({ measure: `GET /api/tickets (${ticketCount})`, ...(await load('/api/tickets')) }));
    const gzip = await load('/api/tickets', { 'accept-encoding': 'gzip' });
    console.log(JSON.stringify({ measure: `GET /api/tickets (${ticketCount}), gzip`, ...gzip }));
  }
  await server.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
