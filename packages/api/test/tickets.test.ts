import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

describe('ticket routes', () => {
  let server: TestServer;
  let repo: string;
  let projectId: number;
  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo();
    projectId = (await server.call('POST', '/api/projects', { name: 'Auth', shortname: 'AUTH', folderPath: repo })).json
      .id;
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('creates DRAFT tickets numbered from the project counter', async () => {
    const first = await server.call('POST', '/api/tickets', {
      projectId,
      title: 'Implement refresh-token rotation',
      description: 'Rotate refresh tokens and invalidate the family on reuse.',
      priority: 2,
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: 'AUTH-1',
      externalId: 'AUTH-1',
      status: 'DRAFT',
      priority: 2,
      kanbanPhase: 'todo',
      availableActions: ['start', 'cancel'],
      workflowRevision: 0,
    });
    const second = await server.call('POST', '/api/tickets', { projectId, title: 'Second' });
    expect(second.json).toMatchObject({ id: 'AUTH-2', priority: 3, description: '' });
    expect((await server.call('GET', `/api/projects/${projectId}`)).json.ticketCounter).toBe(2);
  });

  it('rejects bad ticket bodies with 400 and an unknown project with 404', async () => {
    const bad: [string, unknown][] = [
      ['no title', { projectId }],
      ['empty title', { projectId, title: '   ' }],
      ['title too long', { projectId, title: 'x'.repeat(501) }],
      ['priority out of range', { projectId, title: 't', priority: 6 }],
      ['priority as string', { projectId, title: 't', priority: '2' }],
      ['unknown field', { projectId, title: 't', status: 'CODING' }],
      ['projectId as string', { projectId: String(projectId), title: 't' }],
    ];
    for (const [name, body] of bad) expect((await server.call('POST', '/api/tickets', body)).status, name).toBe(400);
    expect((await server.call('POST', '/api/tickets', { projectId: 4242, title: 't' })).status).toBe(404);
  });

  it('reads by external reference (also project-qualified) and filters by project', async () => {
    expect((await server.call('GET', '/api/tickets/AUTH-1')).json.title).toBe('Implement refresh-token rotation');
    expect((await server.call('GET', `/api/tickets/${projectId}:AUTH-1`)).status).toBe(200);
    expect((await server.call('GET', '/api/tickets/99:AUTH-1')).status).toBe(404);
    expect((await server.call('GET', '/api/tickets/AUTH-99')).status).toBe(404);
    expect((await server.call('GET', '/api/tickets/..%2F..%2Fetc')).status).toBe(400);
    expect((await server.call('GET', `/api/tickets?projectId=${projectId}`)).json).toHaveLength(2);
    expect((await server.call('GET', '/api/tickets?projectId=777')).json).toHaveLength(0);
    expect((await server.call('GET', '/api/tickets?projectId=abc')).status).toBe(400);
  });

  it('patches title, description and priority but never status', async () => {
    const r = await server.call('PATCH', '/api/tickets/AUTH-2', { title: 'Second, renamed', priority: 1 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ title: 'Second, renamed', priority: 1 });
    expect((await server.call('PATCH', '/api/tickets/AUTH-2', { status: 'COMPLETED' })).status).toBe(409);
    expect((await server.call('PATCH', '/api/tickets/AUTH-2', { title: 'x'.repeat(201) })).status).toBe(400);
    expect((await server.call('PATCH', '/api/tickets/AUTH-404', { title: 'x' })).status).toBe(404);
  });

  it('persists UI state per scope with optional revision checks', async () => {
    const empty = await server.call('GET', '/api/tickets/AUTH-1/ui-state?scope=interview-drafts');
    expect(empty.json).toMatchObject({ scope: 'interview-drafts', exists: false, data: null, updatedAt: null });
    const data = { draftAnswers: { q1: 'yes' }, skippedQuestions: {}, selectedOptions: {} };
    const put = await server.call('PUT', '/api/tickets/AUTH-1/ui-state', { scope: 'interview-drafts', data });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ scope: 'interview-drafts', exists: true, data, revision: 1 });
    const read = await server.call('GET', '/api/tickets/AUTH-1/ui-state?scope=interview-drafts');
    expect(read.json.data).toEqual(data);
    const stale = await server.call('PUT', '/api/tickets/AUTH-1/ui-state', {
      scope: 'interview-drafts',
      data: {},
      expectedRevision: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.details).toMatchObject({ conflict: true, revision: 1, data });
    const fresh = await server.call('PUT', '/api/tickets/AUTH-1/ui-state', {
      scope: 'interview-drafts',
      data: { draftAnswers: {} },
      expectedRevision: 1,
    });
    expect(fresh.json.revision).toBe(2);
    expect((await server.call('GET', '/api/tickets/AUTH-1/ui-state')).status).toBe(400);
    expect((await server.call('PUT', '/api/tickets/AUTH-1/ui-state', { scope: 'bad scope!', data: {} })).status).toBe(
      400,
    );
    expect((await server.call('PUT', '/api/tickets/AUTH-1/ui-state', { scope: 'x' })).status).toBe(400);
    const huge = await server.call('PUT', '/api/tickets/AUTH-1/ui-state', { scope: 'x', data: 'y'.repeat(2_200_000) });
    expect(huge.status).toBe(413);
  });

  it('answers the deprecated /answer with 410', async () => {
    const r = await server.call('POST', '/api/tickets/AUTH-1/answer', { answer: 'x' });
    expect(r.status).toBe(410);
    expect(r.json.error).toMatch(/answer-batch/);
  });

  it('cancels a DRAFT (body optional, booleans strict), refuses a second cancel, then allows delete', async () => {
    expect((await server.call('DELETE', '/api/tickets/AUTH-2')).status).toBe(409);
    expect((await server.call('POST', '/api/tickets/AUTH-2/cancel', { deleteContent: 'false' })).status).toBe(400);
    const canceled = await server.call('POST', '/api/tickets/AUTH-2/cancel');
    expect(canceled.status).toBe(200);
    expect(canceled.json).toMatchObject({ ticketId: 'AUTH-2', status: 'CANCELED' });
    expect(canceled.json.ticket).toMatchObject({ previousStatus: 'DRAFT', workflowRevision: 1, kanbanPhase: 'done' });
    expect(canceled.json.ticket.visitedStatuses).toEqual(['DRAFT', 'CANCELED']);
    expect((await server.call('POST', '/api/tickets/AUTH-2/cancel', { deleteContent: true })).status).toBe(409);
    expect((await server.call('PATCH', '/api/tickets/AUTH-2', { title: 'late edit' })).status).toBe(409);
    const deleted = await server.call('DELETE', '/api/tickets/AUTH-2');
    expect(deleted.json).toEqual({ success: true, ticketId: 'AUTH-2' });
    expect((await server.call('GET', '/api/tickets/AUTH-2')).status).toBe(404);
    // numbers are never reused
    expect((await server.call('POST', '/api/tickets', { projectId, title: 'Third' })).json.id).toBe('AUTH-3');
  });
});
