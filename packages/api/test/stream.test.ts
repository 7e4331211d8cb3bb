import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';
import { openSse, type SseFrame } from './sse-client.ts';

const isStateChange = (frame: SseFrame) => frame.event === 'state_change';

describe('GET /api/stream', () => {
  let server: TestServer;
  let repo: string;
  let projectId: number;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOOPTROOP_HEARTBEAT_MS: '200' } });
    repo = await makeRepo();
    projectId = (await server.call('POST', '/api/projects', { name: 'S', shortname: 'SSE', folderPath: repo })).json.id;
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  const newTicket = async (title: string) =>
    (await server.call('POST', '/api/tickets', { projectId, title })).json.id as string;

  it('validates the ticket parameter', async () => {
    const missing = await openSse(`${server.url}/api/stream`);
    expect(missing.status).toBe(400);
    const unknown = await openSse(`${server.url}/api/stream?ticketId=SSE-999`);
    expect(unknown.status).toBe(404);
  });

  it('sends connected first, heartbeats, and a state_change when a DRAFT is canceled', async () => {
    const ref = await newTicket('stream me');
    const stream = await openSse(`${server.url}/api/stream?ticketId=${ref}`);
    expect(stream.status).toBe(200);
    await stream.waitFor((f) => f.event === 'connected');
    expect(stream.frames[0]?.event).toBe('connected');
    expect(stream.frames[0]?.data).toMatchObject({ ticketId: ref });
    await stream.waitFor((f) => f.event === 'heartbeat');
    await server.call('POST', `/api/tickets/${ref}/cancel`, { deleteContent: false, deleteLog: false });
    const change = await stream.waitFor(isStateChange);
    expect(change.data).toMatchObject({ ticketId: ref, from: 'DRAFT', to: 'CANCELED', previousStatus: 'DRAFT' });
    expect(Number(change.id)).toBeGreaterThan(0);
    expect(typeof (change.data as { timestamp: string }).timestamp).toBe('string');
    stream.close();
  });

  it('scopes events to the requested ticket', async () => {
    const watched = await newTicket('watched');
    const other = await newTicket('other');
    const stream = await openSse(`${server.url}/api/stream?ticketId=${watched}`);
    await stream.waitFor((f) => f.event === 'connected');
    await server.call('POST', `/api/tickets/${other}/cancel`);
    await server.call('POST', `/api/tickets/${watched}/cancel`);
    await stream.waitFor(isStateChange);
    expect(stream.frames.filter(isStateChange).map((f) => (f.data as { ticketId: string }).ticketId)).toEqual([
      watched,
    ]);
    stream.close();
  });

  it('replays only later events after lastEventId or Last-Event-ID, also after a restart', async () => {
    const ref = await newTicket('replay');
    // Two persisted events for this ticket: we write the second through the bus, as later phases will.
    await server.call('POST', `/api/tickets/${ref}/cancel`);
    const first = await openSse(`${server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    const cancelEvent = await first.waitFor(isStateChange);
    first.close();
    await server.core.services.events.publish('progress', { ticketId: ref, phase: 'CANCELED', current: 1, total: 2 });

    const byQuery = await openSse(`${server.url}/api/stream?ticketId=${ref}&lastEventId=${cancelEvent.id}`);
    await byQuery.waitFor((f) => f.event === 'progress');
    expect(byQuery.frames.some(isStateChange)).toBe(false);
    byQuery.close();

    server = await server.restart();
    const byHeader = await openSse(`${server.url}/api/stream?ticketId=${ref}`, {
      'Last-Event-ID': String(cancelEvent.id),
    });
    const replayed = await byHeader.waitFor((f) => f.event === 'progress');
    expect(Number(replayed.id)).toBeGreaterThan(Number(cancelEvent.id));
    expect(byHeader.frames.some(isStateChange)).toBe(false);
    byHeader.close();

    const fresh = await openSse(`${server.url}/api/stream?ticketId=${ref}&lastEventId=0`);
    await fresh.waitFor((f) => f.event === 'progress');
    expect(fresh.frames.filter(isStateChange)).toHaveLength(1);
    fresh.close();
  });

  it('caps clients per ticket with 429', async () => {
    const ref = await newTicket('crowded');
    const open = [];
    for (let i = 0; i < 6; i++) open.push(await openSse(`${server.url}/api/stream?ticketId=${ref}`));
    expect(open.every((s) => s.status === 200)).toBe(true);
    const extra = await openSse(`${server.url}/api/stream?ticketId=${ref}`);
    expect(extra.status).toBe(429);
    for (const s of open) s.close();
  });
});
