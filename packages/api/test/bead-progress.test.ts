import { rm } from 'node:fs/promises';
import { beadRecord, type CodingTicket, seedCodingTicket } from '@looptroop/testkit/fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, SAMPLE_PROFILE, startTestServer, type TestServer } from './harness.ts';

// workflow.md §10.6 "Progress UI" through the API: completed/total, the bead in progress with iteration k of N, the
// countdown anchor and the ETA range, over a plan and metrics seeded as CODING leaves them (CONTRACTS.md 1, 5).

const MIN = 60_000;

describe('bead progress and ETA', () => {
  let server: TestServer;
  let repo: string;
  let ticket: CodingTicket;
  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo();
    expect((await server.call('POST', '/api/profile', SAMPLE_PROFILE)).status).toBe(201);
    const projectId = (await server.call('POST', '/api/projects', { name: 'P', shortname: 'PRG', folderPath: repo }))
      .json.id;
    await server.call('PATCH', `/api/projects/${projectId}`, { maxIterations: 3 });
    ticket = await seedCodingTicket(server.core, repo, projectId);
    await ticket.writeBeads([
      beadRecord('one', 1, { status: 'done', iteration: 1, completedAt: '2026-04-23T09:10:00.000Z' }),
      beadRecord('two', 2, {
        status: 'in_progress',
        iteration: 2,
        startedAt: '2026-04-23T09:10:00.000Z',
        updatedAt: '2026-04-23T09:14:00.000Z',
      }),
      beadRecord('three', 3),
    ]);
    await ticket.recordMetric('one', 10 * MIN, '2026-04-23T09:10:00.000Z');
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('reports completed/total, iteration k of N, the anchor and an ETA from the current run', async () => {
    const r = await server.call('GET', `/api/tickets/${ticket.ref}/beads/progress`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({
      ticketId: ticket.ref,
      status: 'CODING',
      completed: 1,
      total: 3,
      paused: false,
      anchor: '2026-04-23T09:14:00.000Z',
      current: { id: 'two', position: 2, iteration: 2, maxIterations: 3, status: 'in_progress' },
      implementationMs: 10 * MIN,
    });
    // One 10-minute bead: per bead 5 / 10 / 20 minutes; bead three whole, bead two minus the 4 minutes it spent.
    expect(r.json.eta).toEqual({
      basis: 'current_run',
      samples: 1,
      perBead: { bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN },
      bestMs: 6 * MIN,
      likelyMs: 16 * MIN,
      worstMs: 36 * MIN,
    });
  });

  it('pauses the countdown in BLOCKED_ERROR and has no ETA once every bead is done', async () => {
    await server.core.db.run(`UPDATE tickets SET status = 'BLOCKED_ERROR' WHERE external_id = '${ticket.ref}'`);
    expect((await server.call('GET', `/api/tickets/${ticket.ref}/beads/progress`)).json.paused).toBe(true);
    await ticket.writeBeads(['one', 'two', 'three'].map((id, i) => beadRecord(id, i + 1, { status: 'done' })));
    const done = (await server.call('GET', `/api/tickets/${ticket.ref}/beads/progress`)).json;
    expect(done).toMatchObject({ completed: 3, total: 3, current: null, anchor: null, eta: null });
  });
});
