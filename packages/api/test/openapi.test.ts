import { appRouter } from '@looptroop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

interface ProcedureMeta {
  openapi?: { method: string; path: string };
}

describe('OpenAPI document and docs page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('is OpenAPI 3.1 and lists every REST procedure of the router plus the stream', async () => {
    const r = await server.call('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\.1/);
    // tRPC keeps a flat map of procedures on _def; only their meta is read here.
    const procedures = Object.values(appRouter._def.procedures) as unknown as { _def: { meta?: ProcedureMeta } }[];
    const expected = procedures.flatMap((p) => (p._def.meta?.openapi ? [p._def.meta.openapi] : []));
    expect(expected.length).toBeGreaterThan(15);
    for (const { method, path } of expected) {
      const documented = `/api${path}`;
      expect(r.json.paths[documented], documented).toBeDefined();
      expect(r.json.paths[documented][method.toLowerCase()], `${method} ${documented}`).toBeDefined();
    }
    expect(r.json.paths['/api/stream'].get).toBeDefined();
  });

  it('covers every route the foundation promises', async () => {
    const { json } = await server.call('GET', '/api/openapi.json');
    const routes = [
      'get /api/health',
      'get /api/health/startup',
      'post /api/health/startup/restore-notice/dismiss',
      'get /api/workflow/meta',
      'get /api/profile',
      'post /api/profile',
      'patch /api/profile',
      'get /api/projects/check-git',
      'get /api/projects/ls',
      'get /api/projects',
      'post /api/projects',
      'get /api/projects/{id}',
      'patch /api/projects/{id}',
      'delete /api/projects/{id}',
      'get /api/tickets',
      'post /api/tickets',
      'get /api/tickets/{id}',
      'patch /api/tickets/{id}',
      'delete /api/tickets/{id}',
      'get /api/tickets/{id}/ui-state',
      'put /api/tickets/{id}/ui-state',
      'post /api/tickets/{id}/answer',
      'post /api/tickets/{id}/cancel',
      'get /api/stream',
    ];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      expect(json.paths[path]?.[method], route).toBeDefined();
    }
  });

  it('serves a human docs page from local assets', async () => {
    const page = await server.call('GET', '/api/docs/');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui-bundle.js');
    expect(String(page.body)).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const bundle = await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});
