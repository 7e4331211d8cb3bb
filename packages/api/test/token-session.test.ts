import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { rawRequest } from './raw-request.ts';

// Issue 17 "Token mode must be usable from the web app": the token is entered once and exchanged for an HttpOnly,
// SameSite=Strict session cookie, which EventSource and the tRPC client send by themselves.
const TOKEN = 'correct-horse-battery-staple-0123456789';

describe('token mode sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOOPTROOP_API_TOKEN: TOKEN } });
  });
  afterAll(() => server.dispose());

  const signIn = (token: string) =>
    rawRequest(server.url, {
      method: 'POST',
      path: '/api/auth/session',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  const sessionCookie = (setCookie: string | string[] | undefined) =>
    String([setCookie].flat()[0] ?? '').split(';')[0] ?? '';

  it('says whether a token is needed, without one', async () => {
    const state = await rawRequest(server.url, { path: '/api/auth/session' });
    expect(state.status).toBe(200);
    expect(state.json).toEqual({ tokenRequired: true, authenticated: false });
  });

  it('refuses the API, the stream and ?token= without a session', async () => {
    expect((await rawRequest(server.url, { path: '/api/projects' })).status).toBe(401);
    expect((await rawRequest(server.url, { path: `/api/stream?all=true&token=${TOKEN}` })).status).toBe(401);
    expect((await rawRequest(server.url, { path: '/trpc/projects.list' })).status).toBe(401);
  });

  it('refuses a wrong token with 401 { error, details } and sets no cookie', async () => {
    const wrong = await signIn('nope');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: expect.any(String), details: expect.anything() });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie that REST, /trpc and the stream accept', async () => {
    const ok = await signIn(TOKEN);
    expect(ok.status).toBe(200);
    const header = String([ok.headers['set-cookie']].flat()[0]);
    expect(header).toMatch(/^looptroop_session=[0-9a-f]{64};/);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
    expect(header).not.toContain(TOKEN);
    const cookie = sessionCookie(ok.headers['set-cookie']);

    expect((await rawRequest(server.url, { path: '/api/projects', headers: { cookie } })).status).toBe(200);
    expect((await rawRequest(server.url, { path: '/trpc/projects.list', headers: { cookie } })).status).toBe(200);
    const state = await rawRequest(server.url, { path: '/api/auth/session', headers: { cookie } });
    expect(state.json).toEqual({ tokenRequired: true, authenticated: true });

    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/stream?all=true`, { headers: { cookie }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    controller.abort();

    // a forged cookie is not a session
    const forged = `looptroop_session=${'0'.repeat(64)}`;
    expect((await rawRequest(server.url, { path: '/api/projects', headers: { cookie: forged } })).status).toBe(401);
  });

  it('signs out: the cookie stops working', async () => {
    const cookie = sessionCookie((await signIn(TOKEN)).headers['set-cookie']);
    const out = await rawRequest(server.url, {
      method: 'DELETE',
      path: '/api/auth/session',
      headers: { cookie },
    });
    expect(out.status).toBe(200);
    expect(String([out.headers['set-cookie']].flat()[0])).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect((await rawRequest(server.url, { path: '/api/projects', headers: { cookie } })).status).toBe(401);
  });

  it('still accepts the token itself (CLI: Authorization: Bearer)', async () => {
    const r = await rawRequest(server.url, { path: '/api/projects', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
  });
});

describe('rate limits for remote clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Behind a reverse proxy (trusted), the client address comes from X-Forwarded-For; no traffic goes there.
    server = await startTestServer({ env: { LOOPTROOP_API_TOKEN: TOKEN, LOOPTROOP_TRUST_PROXY: '1' } });
  });
  afterAll(() => server.dispose());

  const auth = { authorization: `Bearer ${TOKEN}` };
  const remote = (ip: string) => ({ ...auth, 'x-forwarded-for': ip });

  it('limits a remote client to 120 writes a minute, with 429 { error, details } and Retry-After', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof rawRequest>> | null = null;
    for (let i = 0; i < 125; i++) {
      const r = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/health/startup/restore-notice/dismiss',
        headers: { ...remote('203.0.113.7'), 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(limited?.json).toMatchObject({ error: expect.stringMatching(/Too many requests/), details: { limit: 120 } });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // another remote client has its own budget
    const other = await rawRequest(server.url, { path: '/api/projects', headers: remote('203.0.113.8') });
    expect(other.status).toBe(200);
  });

  it('limits wrong sign-in attempts hard (10 a minute)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await rawRequest(server.url, {
        method: 'POST',
        path: '/api/auth/session',
        headers: { 'x-forwarded-for': '203.0.113.9', 'content-type': 'application/json' },
        body: JSON.stringify({ token: `guess-${i}` }),
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('never limits a local (loopback) user', async () => {
    for (let i = 0; i < 250; i++) {
      const r = await rawRequest(server.url, { path: '/api/projects', headers: auth });
      expect(r.status).toBe(200);
    }
  });
});
