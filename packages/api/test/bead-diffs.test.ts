import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import { beadRecord, type CodingTicket, seedCodingTicket } from '@looptroop/testkit/fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

// api-reference.txt `GET /api/tickets/:id/beads/:beadId/diff` and the whole-ticket net diff, over a real repository
// whose ticket branch carries two bead commits (seeded as CODING leaves them, CONTRACTS.md 1 and 3).

/** A GET whose path is sent byte for byte (no URL normalisation). */
const rawGet = (base: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    get({ hostname, port, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

describe('bead and ticket diffs', () => {
  let server: TestServer;
  let repo: string;
  let ticket: CodingTicket;
  let beadOneCommit: string;
  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo();
    await writeFile(join(repo, 'math.js'), 'export const add = (a, b) => a + b;\n');
    execFileSync('git', ['add', 'math.js'], { cwd: repo });
    execFileSync('git', ['commit', '-qm', 'math'], { cwd: repo });
    const projectId = (await server.call('POST', '/api/projects', { name: 'D', shortname: 'DIF', folderPath: repo }))
      .json.id;
    ticket = await seedCodingTicket(server.core, repo, projectId);
    const start = ticket.git('rev-parse', 'HEAD');
    beadOneCommit = ticket.commit(
      {
        'math.js': 'export const add = (a, b) => a + b;\nexport const sub = (a, b) => a - b;\n',
        'test/math.test.js': 'import "../math.js";\n',
        '.ticket/notes.md': 'never part of a diff\n',
      },
      'bead one',
    );
    ticket.commit({ 'README.md': '# sample, documented\n' }, 'bead two');
    await ticket.writeBeads([
      beadRecord('math-sub', 1, { status: 'done', beadStartCommit: start }),
      beadRecord('readme', 2, { status: 'in_progress', iteration: 1 }),
    ]);
    await ticket.captureDiff('math-sub', start, beadOneCommit);
    // The base branch moves on after the ticket forked: the net diff must not show that commit reversed.
    await writeFile(join(repo, 'LICENSE'), 'MIT\n');
    execFileSync('git', ['add', 'LICENSE'], { cwd: repo });
    execFileSync('git', ['commit', '-qm', 'license on main'], { cwd: repo });
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it("serves a bead's captured diff as the artifact plus file stats", async () => {
    const r = await server.call('GET', `/api/tickets/${ticket.ref}/beads/math-sub/diff`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({
      ticketId: ticket.ref,
      phase: 'CODING',
      artifactType: 'bead_diff:math-sub',
      beadId: 'math-sub',
      additions: 2,
      deletions: 0,
    });
    expect(r.json.content).toMatch(/^diff --git a\/math.js b\/math.js/);
    expect(r.json.content).not.toContain('.ticket');
    expect(r.json.files).toEqual([
      { path: 'math.js', oldPath: null, status: 'M', additions: 1, deletions: 0, binary: false },
      { path: 'test/math.test.js', oldPath: null, status: 'A', additions: 1, deletions: 0, binary: false },
    ]);
  });

  it('serves the newest capture when a bead was captured again', async () => {
    await ticket.captureDiff('math-sub', beadOneCommit, 'HEAD');
    const r = await server.call('GET', `/api/tickets/${ticket.ref}/beads/math-sub/diff`);
    expect(r.json.files.map((f: { path: string }) => f.path)).toEqual(['README.md']);
    await ticket.captureDiff('math-sub', `${beadOneCommit}~1`, beadOneCommit);
  });

  it('answers 404 for a bead without a diff yet and for an unknown bead, 404 for an unknown ticket', async () => {
    const pending = await server.call('GET', `/api/tickets/${ticket.ref}/beads/readme/diff`);
    expect(pending.status).toBe(404);
    expect(pending.json.error).toBe('Diff for bead readme not found');
    const unknown = await server.call('GET', `/api/tickets/${ticket.ref}/beads/nope/diff`);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('Bead nope not found');
    expect((await server.call('GET', '/api/tickets/DIF-99/beads/math-sub/diff')).status).toBe(404);
  });

  it('refuses bead ids that could leave a folder with 400', async () => {
    // A whole `..` segment is resolved as a URL (by fetch, and by the server for a raw request) before any route
    // matches: `/beads/../diff` is the ticket's own diff route, so no bead id `..` ever reaches the bead lookup.
    for (const id of ['..', '%2E%2E']) {
      const r = await rawGet(server.url, `/api/tickets/${ticket.ref}/beads/${id}/diff`);
      expect(r.body, id).not.toContain('beadId');
      expect(r.body, id).toContain('"source":"worktree"');
    }
    // An encoded slash, backslash or control character is never decoded (api decode-path.ts): the id stays the
    // literal text `a%2Fb`, which names no bead (the id schema's own refusal of each is unit-tested in core).
    for (const id of ['a%2Fb', 'a%5Cb', 'a%00b', 'a%0Ab']) {
      const slashed = await server.call('GET', `/api/tickets/${ticket.ref}/beads/${id}/diff`);
      expect([slashed.status, slashed.json.error], id).toEqual([404, `Bead ${id} not found`]);
    }
    for (const id of ['a..b', '..b', 'x'.repeat(201)]) {
      const r = await server.call('GET', `/api/tickets/${ticket.ref}/beads/${id}/diff`);
      expect(r.status, id).toBe(400);
      expect(r.json.error, id).toBeTruthy();
    }
  });

  it("serves the ticket's net diff against the merge base, code only", async () => {
    const r = await server.call('GET', `/api/tickets/${ticket.ref}/diff`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const mergeBase = execFileSync('git', ['merge-base', 'main', ticket.ref], { cwd: repo }).toString().trim();
    expect(r.json).toMatchObject({
      ticketId: ticket.ref,
      baseBranch: 'main',
      mergeBase,
      head: ticket.git('rev-parse', 'HEAD'),
      truncated: false,
      source: 'worktree',
      additions: 3,
      deletions: 1,
    });
    expect(r.json.files.map((f: { path: string }) => f.path)).toEqual(['README.md', 'math.js', 'test/math.test.js']);
    expect(r.json.content).not.toContain('.ticket');
    expect(r.json.content).not.toContain('LICENSE');
  });
});
