import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';
import { rawRequest } from './raw-request.ts';

// Issue 17 "Cross-site requests and DNS rebinding": each attack seen against the running server is replayed here as a
// request that must fail, next to the requests LoopTroop's own clients send, which must keep working.
describe('browser attack surface', () => {
  let server: TestServer;
  let repo: string;
  let projectId: number;
  let host: string;
  const ticketBody = () => JSON.stringify({ projectId, title: 'From somewhere' });
  const countTickets = async () => (await server.call('GET', '/api/tickets')).json.length as number;
  const newTicket = async () => (await server.call('POST', '/api/tickets', { projectId, title: 'Target' })).json.id;

  beforeAll(async () => {
    server = await startTestServer({ env: { LOOPTROOP_ALLOWED_HOSTS: 'looptroop.lan' } });
    host = new URL(server.url).host;
    repo = await makeRepo();
    projectId = (await server.call('POST', '/api/projects', { name: 'Guard', shortname: 'GRD', folderPath: repo })).json
      .id;
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('refuses a cross-origin POST with no content type (a form or fetch from another site)', async () => {
    const before = await countTickets();
    const r = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/tickets',
      headers: { origin: 'http://evil.example' },
      body: ticketBody(),
    });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: expect.any(String), details: { origin: 'http://evil.example' } });
    expect(await countTickets()).toBe(before);
  });

  it('refuses a cross-origin POST even with a JSON content type, on REST and on /trpc', async () => {
    const before = await countTickets();
    for (const path of ['/api/tickets', '/trpc/tickets.create']) {
      const r = await rawRequest(server.url, {
        method: 'POST',
        path,
        headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
        body: ticketBody(),
      });
      expect(r.status, path).toBe(403);
    }
    const sandboxed = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/tickets',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: ticketBody(),
    });
    expect(sandboxed.status).toBe(403);
    expect(await countTickets()).toBe(before);
  });

  it('refuses a text/plain cancel with an empty body (what an HTML form can send)', async () => {
    const ref = await newTicket();
    const r = await rawRequest(server.url, {
      method: 'POST',
      path: `/api/tickets/${ref}/cancel`,
      headers: { 'content-type': 'text/plain' },
      body: '',
    });
    expect(r.status).toBe(415);
    expect(r.json.error).toMatch(/application\/json/);
    const form = await rawRequest(server.url, {
      method: 'POST',
      path: `/api/tickets/${ref}/cancel`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'deleteContent=true',
    });
    expect(form.status).toBe(415);
    const none = await rawRequest(server.url, { method: 'POST', path: `/api/tickets/${ref}/cancel` });
    expect(none.status).toBe(415);
    expect((await server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('DRAFT');
  });

  it('refuses a text/plain body on /trpc too', async () => {
    const r = await rawRequest(server.url, {
      method: 'POST',
      path: '/trpc/tickets.create',
      headers: { 'content-type': 'text/plain' },
      body: ticketBody(),
    });
    expect(r.status).toBe(415);
  });

  it('refuses a foreign Host header (DNS rebinding) on reads, the folder browser, /trpc and the stream', async () => {
    for (const path of ['/api/projects', '/api/projects/ls?path=/', '/trpc/projects.list', '/api/stream?all=true']) {
      const r = await rawRequest(server.url, { path, headers: { host: 'evil.example:3400' } });
      expect(r.status, path).toBe(403);
      expect(r.json, path).toMatchObject({ error: expect.any(String), details: { host: 'evil.example:3400' } });
    }
    const noHost = await rawRequest(server.url, { path: '/api/projects', headers: { host: '' } });
    expect(noHost.status).toBe(403);
  });

  it('emits no CORS headers, so another origin can neither preflight nor read', async () => {
    const preflight = await rawRequest(server.url, {
      method: 'OPTIONS',
      path: '/api/tickets',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await rawRequest(server.url, { path: '/api/projects', headers: { origin: 'http://evil.example' } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('still serves curl with -H content-type:application/json (no Origin), any case and parameters', async () => {
    const before = await countTickets();
    for (const type of ['application/json', 'Application/JSON; charset=utf-8']) {
      const r = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/tickets',
        headers: { 'content-type': type },
        body: ticketBody(),
      });
      expect(r.status, type).toBe(201);
    }
    const ref = await newTicket();
    const cancel = await rawRequest(server.url, {
      method: 'POST',
      path: `/api/tickets/${ref}/cancel`,
      headers: { 'content-type': 'application/json' },
    });
    expect(cancel.status).toBe(200);
    expect(await countTickets()).toBe(before + 3);
  });

  it('still serves the web app (same-origin Origin) under every loopback name and a configured host name', async () => {
    const port = new URL(server.url).port;
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `looptroop.lan:${port}`]) {
      const r = await rawRequest(server.url, {
        method: 'POST',
        path: '/trpc/tickets.create',
        headers: { host: name, origin: `http://${name}`, 'content-type': 'application/json' },
        body: ticketBody(),
      });
      expect(r.status, name).toBe(200);
      const page = await rawRequest(server.url, { path: '/api/health', headers: { host: name } });
      expect(page.status, name).toBe(200);
    }
    // Same host, other port: another local app is another origin (cookies ignore ports, Origin does not).
    const otherPort = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/tickets',
      headers: { host, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' },
      body: ticketBody(),
    });
    expect(otherPort.status).toBe(403);
  });

  it('still serves the CLI (tRPC over HTTP, JSON, no Origin)', async () => {
    const r = await rawRequest(server.url, {
      method: 'POST',
      path: '/trpc/tickets.create',
      headers: { 'content-type': 'application/json' },
      body: ticketBody(),
    });
    expect(r.status).toBe(200);
    expect(r.json.result.data.status).toBe('DRAFT');
  });
});
