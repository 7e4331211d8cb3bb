// `pnpm bench [--only api,sse,web,orchestration] [--seconds 5] [--tickets 1000] [--clients 100] [--transitions 20]
//  [--cpu-prof]`: the whole bench suite (issue 15 §3) against the built package (`pnpm bench` builds it first).
// Prints a table and writes bench/results/<time>.json. Run it under `flock /tmp/lt-heavy.lock` on the shared machine.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startOpencode, startScriptedModel } from '../packages/testkit/src/index.ts';
import { benchApi } from './api-bench.ts';
import { benchOrchestration } from './orchestration-bench.ts';
import { formatTable, progress, type Row, writeResults } from './report.ts';
import { BUILT_BIN, loadAverage, startServer } from './server-process.ts';
import { benchSse, SSE_SERVER_ENV } from './sse-bench.ts';
import { boardInteractive, bundleSize } from './web-bench.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string' },
    tickets: { type: 'string' },
    clients: { type: 'string' },
    transitions: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
  },
});
const sections = new Set((values.only ?? 'api,sse,web,orchestration').split(','));
const tickets = Number(values.tickets ?? 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');
if (!existsSync(BUILT_BIN.replace(/bin\/looptroop\.js$/, 'dist'))) throw new Error('run `pnpm build` first');

const rows: Row[] = [];
const loads: number[] = [loadAverage()];
const dir = mkdtempSync(join(tmpdir(), 'lt-bench-'));
const startedAt = new Date().toISOString();
try {
  if (sections.has('api') || sections.has('sse') || sections.has('web')) {
    // A real OpenCode against the scripted model, so /api/models answers from a real catalogue.
    progress('starting the scripted model, OpenCode and looptroop');
    const model = await startScriptedModel({ scenario: { rules: [] } });
    const opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] });
    const server = await startServer(join(dir, 'data'), {
      env: { ...SSE_SERVER_ENV, LOOPTROOP_OPENCODE_URL: opencode.url },
      ...(values['cpu-prof'] && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(resultsDir, 'profiles')}`] }),
    });
    try {
      const { rows: apiRows, refs } = await benchApi({
        server,
        dir,
        tickets,
        durationMs: Number(values.seconds ?? 5) * 1000,
      });
      if (sections.has('api')) rows.push(...apiRows);
      loads.push(loadAverage());
      if (sections.has('sse')) {
        rows.push(
          ...(await benchSse({
            server,
            ref: refs[0] ?? '',
            clients: Number(values.clients ?? 100),
            transitions: Number(values.transitions ?? 20),
          })),
        );
        loads.push(loadAverage());
      }
      if (sections.has('web')) {
        rows.push(bundleSize());
        rows.push(await boardInteractive(server, tickets));
        loads.push(loadAverage());
      }
    } finally {
      await server.stop();
      await opencode.close();
      await model.close();
    }
  }
  if (sections.has('orchestration')) {
    rows.push(...(await benchOrchestration({ dir })));
    loads.push(loadAverage());
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = { cpus: cpus().length, loadAverage1m: loads, node: process.version };
console.log(formatTable(rows));
console.log(`\nload average (1 min) during the run: ${loads.join(', ')} on ${machine.cpus} cores`);
console.log(`written: ${writeResults(resultsDir, { startedAt, machine, tickets }, rows)}`);
