import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';
import { rawRequest } from './raw-request.ts';

// Issue 17 "Clean failures": each item is the failure seen from outside, replayed as a request.
describe('clean failures', () => {
  let server: TestServer;
  let repo: string;
  let projectId: number;
  beforeAll(async () => {
    server = await startTestServer({
      env: { LOOPTROOP_OPENCODE_URL: 'http://opencode-user:s3cret-pass@127.0.0.1:9' },
    });
    repo = await makeRepo();
    projectId = (await server.call('POST', '/api/projects', { name: 'Clean', shortname: 'CLN', folderPath: repo })).json
      .id;
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('refuses NUL characters in titles and descriptions instead of cutting the text (REST and /trpc)', async () => {
    const rest = await server.call('POST', '/api/tickets', { projectId, title: 'before\u0000after' });
    expect(rest.status).toBe(400);
    expect(rest.json).toMatchObject({ error: expect.stringMatching(/NUL/), details: { path: 'title' } });
    const trpc = await rawRequest(server.url, {
      method: 'POST',
      path: '/trpc/tickets.create',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectId, title: 'ok', description: 'before\u0000after' }),
    });
    expect(trpc.status).toBe(400);
    const titles = (await server.call('GET', '/api/tickets')).json.map((t: { title: string }) => t.title);
    expect(titles).not.toContain('before');
    expect(titles).not.toContain('ok');
  });

  it('answers deep nesting with 400 on /trpc too (the web app autosaves arbitrary JSON there)', async () => {
    const ref: string = (await server.call('POST', '/api/tickets', { projectId, title: 'Deep' })).json.id;
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const r = await rawRequest(server.url, {
      method: 'POST',
      path: '/trpc/tickets.putUiState',
      headers: { 'content-type': 'application/json' },
      body: `{"id":"${ref}","scope":"draft","data":${deep}}`,
    });
    expect(r.status).toBe(400);
    expect((await server.call('GET', '/api/health')).status).toBe(200);
  });

  it('never echoes the credentials of LOOPTROOP_OPENCODE_URL', async () => {
    const replies = await Promise.all([
      server.call('GET', '/api/health/opencode'),
      server.call('GET', '/api/models'),
      server.call('GET', '/trpc/health.opencode'),
    ]);
    for (const reply of replies) {
      const text = JSON.stringify(reply.json);
      expect(text).not.toContain('s3cret-pass');
      expect(text).not.toContain('opencode-user');
    }
    expect(replies[0]?.json.status).toBe('unavailable');
    expect(replies[0]?.json.url).toBe('http://127.0.0.1:9');
  });

  it('refuses a relative folderPath when attaching, as the folder browser does', async () => {
    const attach = await server.call('POST', '/api/projects', { name: 'Rel', shortname: 'REL', folderPath: '.' });
    expect(attach.status).toBe(400);
    expect(JSON.stringify(attach.json)).toMatch(/absolute/);
    expect((await server.call('GET', '/api/projects/ls?path=.')).status).toBe(400);
    const check = await server.call('GET', '/api/projects/check-git?path=.');
    expect(check.json.status).toBe('invalid');
    expect(check.json.message).toMatch(/absolute/);
  });

  it('creates the data directory 0700 and the database 0600', async () => {
    expect((await stat(server.dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(server.dataDir, 'looptroop.db'))).mode & 0o777).toBe(0o600);
  });

  it('decodes percent-encoded path parameters', async () => {
    const ref: string = (await server.call('POST', '/api/tickets', { projectId, title: 'Encoded' })).json.id;
    const qualified = `${projectId}:${ref}`;
    const plain = await server.call('GET', `/api/tickets/${qualified}`);
    expect(plain.status).toBe(200);
    const encoded = await server.call('GET', `/api/tickets/${encodeURIComponent(qualified)}`);
    expect(encoded.status).toBe(200);
    expect(encoded.json.id).toBe(ref);
    const lower = await server.call('GET', `/api/tickets/${qualified.replace(':', '%3a')}/ui-state?scope=a`);
    expect(lower.status).toBe(200);
    // an encoded slash stays part of the parameter (and is refused), it never becomes a path separator
    expect((await server.call('GET', `/api/tickets/${projectId}%2F${ref}`)).status).toBe(400);
  });

  it('gives board streams (?all=true) their own cap, so a 7th board tab is served', async () => {
    const controllers: AbortController[] = [];
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const controller = new AbortController();
        controllers.push(controller);
        const res = await fetch(`${server.url}/api/stream?all=true`, { signal: controller.signal });
        statuses.push(res.status);
      }
      expect(statuses).toEqual(Array(10).fill(200));
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
});
