// API figures (issue 15 §3): 10 keep-alive connections per endpoint, server CPU per answer beside req/s.
import { join } from 'node:path';
import { runLoad } from './http-load.ts';
import { fmt, progress, type Row } from './report.ts';
import { cpuMs, type ServerProcess, seedTickets } from './server-process.ts';
import { summarize } from './stats.ts';

export const CONNECTIONS = 10;

export interface ApiBenchOptions {
  server: ServerProcess;
  dir: string;
  tickets: number;
  durationMs: number;
}

/** Seeds the tickets (timing each create), then loads each read endpoint in turn. Returns the ticket refs. */
export async function benchApi(options: ApiBenchOptions): Promise<{ rows: Row[]; refs: string[] }> {
  const { server, durationMs } = options;
  const rows: Row[] = [];
  const load = async (
    measure: string,
    url: string | ((n: number) => string),
    extra: { headers?: Record<string, string>; target?: { p50Ms: number } } = {},
  ) => {
    progress(measure);
    const cpuBefore = cpuMs(server.child.pid);
    const result = await runLoad(url, {
      connections: CONNECTIONS,
      durationMs,
      ...(extra.headers && { headers: extra.headers }),
    });
    const serverCpuMsPerRequest = Number(((cpuMs(server.child.pid) - cpuBefore) / result.requests).toFixed(2));
    const data = { ...result, serverCpuMsPerRequest, connections: CONNECTIONS };
    rows.push({
      section: 'api',
      measure,
      result:
        `p50 ${fmt(result.p50Ms)} ms · p99 ${fmt(result.p99Ms)} ms · ${fmt(result.requestsPerSec)} req/s · ` +
        `${fmt(serverCpuMsPerRequest)} ms CPU/req · ${fmt(result.bytesPerResponse / 1024)} KB` +
        (result.non2xx ? ` · ${result.non2xx} non-2xx` : ''),
      ...(extra.target && {
        target: `p50 < ${extra.target.p50Ms} ms`,
        met: result.p50Ms < extra.target.p50Ms && result.non2xx === 0,
      }),
      data,
    });
  };

  await load('GET /api/health', `${server.url}/api/health`);
  await load('GET /api/workflow/meta', `${server.url}/api/workflow/meta`);
  // The first call fetches OpenCode's catalogue (seconds); the load measures the kept answer.
  const coldStart = performance.now();
  const cold = await fetch(`${server.url}/api/models`);
  await cold.arrayBuffer();
  const coldMs = Math.round(performance.now() - coldStart);
  rows.push({
    section: 'api',
    measure: 'GET /api/models, first call (catalogue from OpenCode)',
    result: `${fmt(coldMs)} ms · HTTP ${cold.status}`,
    data: { ms: coldMs, status: cold.status },
  });
  await load('GET /api/models', `${server.url}/api/models`, { headers: { 'accept-encoding': 'gzip' } });

  progress(`seeding ${options.tickets} tickets`);
  const seeded = await seedTickets(server.url, options.dir, options.tickets);
  const create = summarize(seeded.createMs);
  rows.push({
    section: 'api',
    measure: `POST /api/tickets (${fmt(options.tickets)} creates)`,
    result: `p50 ${fmt(create.p50)} ms · p99 ${fmt(create.p99)} ms · ${fmt(seeded.perSecond)} req/s`,
    data: { ...create, requestsPerSec: seeded.perSecond, connections: CONNECTIONS },
  });

  const list = `${server.url}/api/tickets`;
  await load(`GET /api/tickets (${fmt(options.tickets)})`, list, { target: { p50Ms: 20 } });
  await load(`GET /api/tickets (${fmt(options.tickets)}), gzip`, list, {
    headers: { 'accept-encoding': 'gzip' },
    target: { p50Ms: 20 },
  });
  const refs = seeded.refs;
  await load(
    `GET /api/tickets/:id (of ${fmt(options.tickets)})`,
    (n) => `${server.url}/api/tickets/${refs[(n * 7919) % refs.length]}`,
  );
  return { rows, refs };
}

export const resultsDir = (root: string) => join(root, 'bench', 'results');
