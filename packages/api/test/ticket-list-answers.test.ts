import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

// Issue 15 §3 performance: an unchanged list is resent as the bytes the procedure last produced, never stale.
describe('kept ticket list answers', () => {
  let server: TestServer;
  let repo: string;
  let projectId: number;
  const text = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
  };

  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo();
    projectId = (await server.call('POST', '/api/projects', { name: 'Auth', shortname: 'AUTH', folderPath: repo })).json
      .id;
    for (const title of ['One', 'Two']) await server.call('POST', '/api/tickets', { projectId, title });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('asks the procedure once while nothing changes, then sees any write, through REST and tRPC', async () => {
    const list = vi.spyOn(server.core.services.tickets, 'list');
    const first = await text('/api/tickets');
    const second = await text('/api/tickets');
    expect(second).toEqual(first);
    expect(JSON.parse(first.body).map((t: { title: string }) => t.title)).toEqual(['One', 'Two']);
    expect(first.etag).toMatch(/^W\//);
    expect((await text('/api/tickets', { 'if-none-match': first.etag ?? '' })).status).toBe(304);

    const trpc = await text('/trpc/tickets.list');
    expect(await text('/trpc/tickets.list')).toEqual(trpc);
    expect(JSON.parse(trpc.body).result.data).toEqual(JSON.parse(first.body));
    expect(list).toHaveBeenCalledTimes(2); // once per route, not once per request
    // The answer lands in the cache just after it is sent (the version is read again first).
    await new Promise((resolve) => setTimeout(resolve, 50));
    list.mockClear();
    await text('/api/tickets');
    await text('/trpc/tickets.list');
    expect(list).not.toHaveBeenCalled();

    // A write from anywhere (here SQL on the server's own connection) bumps the tickets' change counter.
    await server.core.db.run("UPDATE tickets SET title = 'One, renamed' WHERE external_id = 'AUTH-1'");
    const renamed = await text('/api/tickets');
    expect(JSON.parse(renamed.body)[0].title).toBe('One, renamed');
    expect(renamed.etag).not.toBe(first.etag);
    expect(JSON.parse((await text('/trpc/tickets.list')).body).result.data[0].title).toBe('One, renamed');
    await server.call('POST', '/api/tickets', { projectId, title: 'Three' });
    expect(JSON.parse((await text('/api/tickets')).body)).toHaveLength(3);
  });

  it('keeps one answer per filter and leaves invalid queries to the procedure', async () => {
    const other = await makeRepo();
    const otherId = (await server.call('POST', '/api/projects', { name: 'Web', shortname: 'WEB', folderPath: other }))
      .json.id;
    await server.call('POST', '/api/tickets', { projectId: otherId, title: 'Elsewhere' });
    for (let i = 0; i < 2; i += 1) {
      const mine = JSON.parse((await text(`/api/tickets?projectId=${projectId}`)).body);
      const theirs = JSON.parse((await text(`/api/tickets?projectId=${otherId}`)).body);
      expect(mine.map((t: { id: string }) => t.id)).toEqual(['AUTH-1', 'AUTH-2', 'AUTH-3']);
      expect(theirs.map((t: { id: string }) => t.id)).toEqual(['WEB-1']);
    }
    const bad = await server.call('GET', '/api/tickets?projectId=abc');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBeTruthy();
    await rm(other, { recursive: true, force: true });
  });
});
