import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

describe('smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('answers health', async () => {
    const r = await server.call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ok');
  });
});
