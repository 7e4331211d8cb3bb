import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

// Issue 17 "Compatibility with LoopTroop's own clients": bodies where the reference puts fields at the top level.
// (The interview's session.currentBatch.questions and the stale approval's hashes are asserted in interview.test.ts,
// which needs the model.)
describe('compatibility with the reference clients', () => {
  let server: TestServer;
  let repo: string;
  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo();
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('answers a ui-state revision conflict with { conflict, data, revision } at the top level (§9.2), and in details', async () => {
    const project = await server.call('POST', '/api/projects', { name: 'Compat', shortname: 'CMP', folderPath: repo });
    const ref = (await server.call('POST', '/api/tickets', { projectId: project.json.id, title: 't' })).json.id;
    const first = await server.call('PUT', `/api/tickets/${ref}/ui-state`, {
      scope: 'draft',
      data: { text: 'mine' },
      expectedRevision: 0,
    });
    expect(first.json.revision).toBe(1);
    const stale = await server.call('PUT', `/api/tickets/${ref}/ui-state`, {
      scope: 'draft',
      data: { text: 'theirs' },
      expectedRevision: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ conflict: true, revision: 1, data: { text: 'mine' } });
    expect(stale.json.details).toMatchObject({ conflict: true, revision: 1 });
  });
});
