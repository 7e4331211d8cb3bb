import type { AppRouter } from '@looptroop/core';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { beadRecord, type CodingTicket, seedCodingTicket } from '@looptroop/testkit/fakes';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './cli-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// Issue 13's CLI: `beads status`, `diff REF [BEAD]` and bead progress in `logs --follow`, against a real server whose
// ticket is seeded as CODING leaves it (CONTRACTS.md 1, 3, 5, 6) over a real repository.

describe('looptroop beads status, diff and bead progress in logs', { timeout: 60_000 }, () => {
  let server: TestServer;
  let repo: TempRepo;
  let ticket: CodingTicket;
  const cli = (...args: string[]) => runCli([...args, '--url', server.url]);
  beforeAll(async () => {
    [server, repo] = await Promise.all([startTestServer(), createTempRepo()]);
    const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc` })] });
    const project = await api.projects.create.mutate({ name: 'Code', shortname: 'COD', folderPath: repo.dir });
    ticket = await seedCodingTicket(server.server.core, repo.dir, project.id);
    const start = ticket.git('rev-parse', 'HEAD');
    const done = ticket.commit({ 'src/sub.js': 'export const sub = (a, b) => a - b;\n' }, 'bead one');
    const startedAt = new Date(Date.now() - 3 * 60_000).toISOString();
    await ticket.writeBeads([
      beadRecord('sub', 1, { title: 'Subtract', status: 'done', beadStartCommit: start }),
      beadRecord('mul', 2, {
        title: 'Multiply',
        status: 'in_progress',
        iteration: 2,
        startedAt,
        updatedAt: startedAt,
        failedIterationNotes: [{ timestamp: startedAt, iteration: 1, content: 'mul(2, 3) returned 5' }],
      }),
    ]);
    await ticket.captureDiff('sub', start, done);
    await ticket.recordMetric('sub', 8 * 60_000, startedAt);
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it('beads status prints completed/total, the ETA and each bead live', async () => {
    const [text, json] = await Promise.all([
      cli('beads', 'status', ticket.ref),
      cli('beads', 'status', ticket.ref, '--json'),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Beads of ${ticket.ref} \\(CODING\\) — 1/2 done · ETA ~\\d+m`));
    expect(text.stdout).toContain('1. ✓ sub  Subtract  [done]');
    expect(text.stdout).toMatch(/2\. ▶ mul {2}Multiply {2}\[in progress, iteration 2 of 5, running 3m\]/);
    expect(text.stdout).toContain('latest: mul(2, 3) returned 5');
    expect(JSON.parse(json.stdout)).toMatchObject({
      completed: 1,
      total: 2,
      current: { id: 'mul', iteration: 2 },
      eta: { basis: 'current_run', samples: 1 },
      beads: [{ id: 'sub', status: 'done' }, { id: 'mul' }],
    });
  });

  it("diff prints a bead's diff or the ticket's net diff with the file list; an uncaptured bead exits 1", async () => {
    const [bead, net, missing, badId] = await Promise.all([
      cli('diff', ticket.ref, 'sub'),
      cli('diff', ticket.ref),
      cli('diff', ticket.ref, 'mul'),
      cli('diff', ticket.ref, 'a..b'),
    ]);
    expect(bead.code, bead.stderr).toBe(0);
    expect(bead.stdout).toContain(`${ticket.ref} bead sub: 1 file(s), +1 −0\n  A src/sub.js  +1 −0\n`);
    expect(bead.stdout).toContain('+export const sub = (a, b) => a - b;');
    expect(net.code, net.stderr).toBe(0);
    expect(net.stdout).toContain(`${ticket.ref} net diff against main: 1 file(s), +1 −0`);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('Diff for bead mul not found');
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('must not contain ".."');
  });

  it('logs --follow prints bead progress lines as the coding phase publishes them', async () => {
    const follow = spawnCli(['logs', ticket.ref, '--follow', '--url', server.url]);
    try {
      await follow.waitFor('stderr', /Following/);
      const events = server.server.core.services.events;
      await events.publish('progress', {
        ticketId: ticket.ref,
        phase: 'CODING',
        current: 2,
        total: 2,
        message: 'Bead mul: iteration 2 started',
      });
      await follow.waitFor('stdout', /\[BEADS\] bead 2\/2 · Bead mul: iteration 2 started/);
      await events.publish('bead_complete', {
        ticketId: ticket.ref,
        beadId: 'mul',
        title: 'Multiply',
        completed: 2,
        total: 2,
      });
      await follow.waitFor('stdout', /\[BEAD\] ✓ mul Multiply \(2\/2 done\)/);
    } finally {
      follow.child.kill('SIGTERM');
      await follow.exited;
    }
  });
});
