import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

describe('HTTP error handling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('answers unknown /api routes with a JSON 404', async () => {
    for (const path of ['/api/nope', '/api/tickets/AUTH-1/bogus', '/api/']) {
      const r = await server.call('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.json.error, path).toBe('Not found');
    }
  });

  it('answers malformed JSON with 400, non-JSON bodies with 415, oversized bodies with 413', async () => {
    const malformed = await server.call('POST', '/api/profile', '{"mainImplementer": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toBe('Malformed JSON body');
    const text = await server.call('POST', '/api/profile', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const big = await server.call('POST', '/api/tickets', {
      projectId: 1,
      title: 'x',
      description: 'y'.repeat(6_000_000),
    });
    expect(big.status).toBe(413);
    expect(big.json.error).toBe('Request body too large');
  });

  it('never leaks stack traces', async () => {
    const r = await server.call('POST', '/api/tickets', { projectId: 'x' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).not.toMatch(/\.ts:\d+|node_modules|stack/);
  });

  it('sets protective headers on API responses', async () => {
    const r = await server.call('GET', '/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves the same procedures to typed clients at /trpc', async () => {
    const r = await server.call('GET', '/trpc/health.get');
    expect(r.status).toBe(200);
    expect(r.json.result.data.status).toBe('ok');
    const missing = await server.call(
      'GET',
      `/trpc/tickets.get?input=${encodeURIComponent(JSON.stringify({ id: 'ZZZ-1' }))}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.json.error.error).toBe('Ticket not found');
  });
});
