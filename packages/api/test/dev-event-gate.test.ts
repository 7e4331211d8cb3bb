import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_EVENT_TOKEN_HEADER, makeRepo, startTestServer, type TestServer } from './harness.ts';
import { rawRequest } from './raw-request.ts';

// Issue 11 item 4: dev-event is a test hook made explicit: on only with LOOPTROOP_DEV_EVENTS=1, and even then only
// for a caller that shows the token of this server process (architecture.md §9.2), never because of NODE_ENV.
describe('dev-event gate', () => {
  const servers: TestServer[] = [];
  let repo: string;
  beforeAll(async () => {
    repo = await makeRepo();
  });
  afterAll(async () => {
    for (const server of servers) await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  async function serverWithTicket(env: Record<string, string>) {
    const server = await startTestServer({ env });
    servers.push(server);
    const project = await server.call('POST', '/api/projects', { name: 'Dev', shortname: 'DEV', folderPath: repo });
    const ref: string = (await server.call('POST', '/api/tickets', { projectId: project.json.id, title: 't' })).json.id;
    return { server, ref };
  }

  it('is off under NODE_ENV=test or development without LOOPTROOP_DEV_EVENTS=1', async () => {
    for (const nodeEnv of ['test', 'development']) {
      const { server, ref } = await serverWithTicket({ NODE_ENV: nodeEnv });
      expect(server.devEventToken).toBeUndefined();
      const r = await server.call('POST', `/api/tickets/${ref}/dev-event`, { type: 'INIT_FAILED' });
      expect(r.status, nodeEnv).toBe(403);
      expect(r.json.error).toMatch(/LOOPTROOP_DEV_EVENTS/);
      expect((await server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('DRAFT');
    }
  });

  it('with LOOPTROOP_DEV_EVENTS=1, needs this process token on REST and /trpc', async () => {
    const { server, ref } = await serverWithTicket({ LOOPTROOP_DEV_EVENTS: '1' });
    const token = server.devEventToken;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const attempts: [string, Record<string, string>][] = [
      ['no token', {}],
      ['wrong token', { [DEV_EVENT_TOKEN_HEADER]: 'f'.repeat(64) }],
      ['API token header instead', { 'x-looptroop-token': String(token) }],
    ];
    for (const [name, headers] of attempts) {
      const rest = await server.call('POST', `/api/tickets/${ref}/dev-event`, { type: 'INIT_FAILED' }, headers);
      expect(rest.status, name).toBe(403);
      const encoded = await server.call('POST', `/api/tickets/${ref}/dev%2Devent`, { type: 'INIT_FAILED' }, headers);
      expect(encoded.status, `${name} (encoded path)`).toBeGreaterThanOrEqual(400);
      expect(encoded.status, `${name} (encoded path)`).not.toBe(200);
      const trpc = await rawRequest(server.url, {
        method: 'POST',
        path: '/trpc/ticketActions.devEvent',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ id: ref, type: 'INIT_FAILED' }),
      });
      expect(trpc.status, `${name} (trpc)`).toBe(403);
    }
    expect((await server.call('GET', `/api/tickets/${ref}`)).json.status).toBe('DRAFT');

    const allowed = await server.devEvent(ref, { type: 'INIT_FAILED' });
    expect(allowed.status).toBe(200);
    expect(allowed.json.status).toBe('BLOCKED_ERROR');
  });

  it('gives every process its own token', async () => {
    const a = await serverWithTicket({ LOOPTROOP_DEV_EVENTS: '1' });
    const b = await serverWithTicket({ LOOPTROOP_DEV_EVENTS: '1' });
    expect(a.server.devEventToken).not.toBe(b.server.devEventToken);
    const foreign = await b.server.call(
      'POST',
      `/api/tickets/${b.ref}/dev-event`,
      { type: 'INIT_FAILED' },
      {
        [DEV_EVENT_TOKEN_HEADER]: String(a.server.devEventToken),
      },
    );
    expect(foreign.status).toBe(403);
  });
});
