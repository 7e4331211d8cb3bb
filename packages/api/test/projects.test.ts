import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, startTestServer, type TestServer } from './harness.ts';

describe('project routes', () => {
  let server: TestServer;
  let repo: string;
  let plainDir: string;
  beforeAll(async () => {
    server = await startTestServer();
    repo = await makeRepo({ origin: 'git@github.com:acme/widgets.git' });
    plainDir = await mkdtemp(join(tmpdir(), 'lt-plain-'));
  });
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
    await rm(plainDir, { recursive: true, force: true });
  });

  describe('check-git', () => {
    it('reports a GitHub origin for a repository root', async () => {
      const r = await server.call('GET', `/api/projects/check-git?path=${encodeURIComponent(repo)}`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        isGit: true,
        status: 'valid',
        scope: 'root',
        remoteKind: 'github',
        isGithub: true,
        githubRepoSlug: 'acme/widgets',
        currentBranch: 'main',
        existingProject: null,
      });
    });

    it('accepts other remotes and none, and reports a subfolder scope', async () => {
      const other = await makeRepo({ origin: 'https://gitlab.example.com/team/app.git' });
      const none = await makeRepo();
      await mkdir(join(none, 'src'));
      try {
        const a = await server.call('GET', `/api/projects/check-git?path=${encodeURIComponent(other)}`);
        expect(a.json).toMatchObject({ status: 'valid', remoteKind: 'other', isGithub: false });
        const b = await server.call('GET', `/api/projects/check-git?path=${encodeURIComponent(join(none, 'src'))}`);
        expect(b.json).toMatchObject({ status: 'valid', remoteKind: 'none', scope: 'subfolder', originUrl: null });
      } finally {
        await rm(other, { recursive: true, force: true });
        await rm(none, { recursive: true, force: true });
      }
    });

    it('says why a folder is not usable', async () => {
      expect((await server.call('GET', '/api/projects/check-git')).json).toMatchObject({
        isGit: false,
        status: 'none',
      });
      const missing = await server.call('GET', '/api/projects/check-git?path=/definitely/not/here');
      expect(missing.json).toMatchObject({ isGit: false, status: 'invalid', message: 'Folder does not exist' });
      const plain = await server.call('GET', `/api/projects/check-git?path=${encodeURIComponent(plainDir)}`);
      expect(plain.json).toMatchObject({ isGit: false, status: 'invalid', message: 'Folder is not a git repository' });
    });
  });

  describe('ls', () => {
    it('lists sub-folders only, sorted, never files or hidden folders', async () => {
      await mkdir(join(plainDir, 'beta'));
      await mkdir(join(plainDir, 'alpha'));
      await mkdir(join(plainDir, '.hidden'));
      await writeFile(join(plainDir, 'secret.txt'), 'do not list me');
      const r = await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(plainDir)}`);
      expect(r.status).toBe(200);
      expect(r.json.dirs.map((d: { name: string }) => d.name)).toEqual(['alpha', 'beta']);
      expect(JSON.stringify(r.json)).not.toContain('secret');
      const hidden = await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(plainDir)}&showHidden=true`);
      expect(hidden.json.dirs.map((d: { name: string }) => d.name)).toContain('.hidden');
    });

    it('resolves .., encoded slashes and symlinks to the canonical folder it really lists', async () => {
      const dotted = await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(`${plainDir}/alpha/..`)}`);
      expect(dotted.json.currentPath).toBe(plainDir);
      const encoded = await server.call('GET', `/api/projects/ls?path=${plainDir.replaceAll('/', '%2F')}%2Falpha`);
      expect(encoded.json.currentPath).toBe(join(plainDir, 'alpha'));
      await symlink(join(plainDir, 'beta'), join(plainDir, 'link-to-beta'));
      const viaLink = await server.call(
        'GET',
        `/api/projects/ls?path=${encodeURIComponent(join(plainDir, 'link-to-beta'))}`,
      );
      expect(viaLink.json.currentPath).toBe(join(plainDir, 'beta'));
      // symlinked entries are not listed as folders
      const listing = await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(plainDir)}`);
      expect(listing.json.dirs.map((d: { name: string }) => d.name)).not.toContain('link-to-beta');
    });

    it('refuses relative paths, files, missing folders, NUL bytes and unreadable folders with 4xx', async () => {
      expect((await server.call('GET', '/api/projects/ls?path=relative/dir')).status).toBe(400);
      expect(
        (await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(join(plainDir, 'secret.txt'))}`)).status,
      ).toBe(400);
      expect((await server.call('GET', '/api/projects/ls?path=/no/such/folder')).status).toBe(404);
      expect((await server.call('GET', '/api/projects/ls?path=%2Ftmp%00')).status).toBe(400);
      const locked = join(plainDir, 'locked');
      await mkdir(locked, { mode: 0o000 });
      if (process.getuid?.() !== 0) {
        const r = await server.call('GET', `/api/projects/ls?path=${encodeURIComponent(locked)}`);
        expect(r.status).toBe(400);
        expect(r.json.error).toBe('Folder cannot be read');
      }
    });

    it('defaults to the home folder', async () => {
      const r = await server.call('GET', '/api/projects/ls');
      expect(r.status).toBe(200);
      expect(r.json.currentPath).toBeTruthy();
    });
  });

  describe('attach, read, update, delete', () => {
    let projectId: number;

    it('attaches a repository by any folder inside it, storing the root', async () => {
      const r = await server.call('POST', '/api/projects', {
        name: 'Widgets',
        shortname: 'WID',
        folderPath: repo,
        color: '#112233',
      });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({
        name: 'Widgets',
        shortname: 'WID',
        folderPath: repo,
        icon: '📁',
        color: '#112233',
      });
      expect(r.json.githubRepoSlug).toBe('acme/widgets');
      projectId = r.json.id;
      const again = await server.call('GET', `/api/projects/check-git?path=${encodeURIComponent(repo)}`);
      expect(again.json.existingProject).toMatchObject({ id: projectId, shortname: 'WID' });
      expect(again.json.hasLoopTroopState).toBe(true);
    });

    it('refuses invalid attach bodies with 400 and conflicts with 409', async () => {
      const bad: [string, unknown][] = [
        ['missing name', { shortname: 'ABC', folderPath: repo }],
        ['lowercase shortname', { name: 'x', shortname: 'abc', folderPath: repo }],
        ['shortname too long', { name: 'x', shortname: 'ABCDEF', folderPath: repo }],
        ['bad color', { name: 'x', shortname: 'ABC', folderPath: repo, color: 'blue' }],
        ['not a repo', { name: 'x', shortname: 'ABC', folderPath: plainDir }],
        ['missing folder', { name: 'x', shortname: 'ABC', folderPath: '/no/such/dir' }],
        ['number as string', { name: 'x', shortname: 'ABC', folderPath: repo, maxIterations: '3' }],
      ];
      for (const [name, body] of bad) {
        const r = await server.call('POST', '/api/projects', body);
        expect(r.status, name).toBe(400);
        expect(r.json.error, name).toBeTruthy();
      }
      const sameRepo = await server.call('POST', '/api/projects', {
        name: 'Again',
        shortname: 'AGN',
        folderPath: repo,
      });
      expect(sameRepo.status).toBe(409);
      const other = await makeRepo();
      const sameShort = await server.call('POST', '/api/projects', {
        name: 'Other',
        shortname: 'WID',
        folderPath: other,
      });
      expect(sameShort.status).toBe(409);
      await rm(other, { recursive: true, force: true });
    });

    it('reads, lists and updates settings; unknown ids are 404, bad ids 400', async () => {
      expect((await server.call('GET', `/api/projects/${projectId}`)).json.name).toBe('Widgets');
      expect((await server.call('GET', '/api/projects')).json).toHaveLength(1);
      const patched = await server.call('PATCH', `/api/projects/${projectId}`, {
        name: 'Widgets 2',
        maxIterations: 9,
        councilMembers: '["openai/gpt-5.4","google/gemini-3"]',
      });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ name: 'Widgets 2', maxIterations: 9, shortname: 'WID' });
      expect(JSON.parse(patched.json.councilMembers)).toEqual(['openai/gpt-5.4', 'google/gemini-3']);
      expect((await server.call('PATCH', `/api/projects/${projectId}`, { shortname: 'NEW' })).status).toBe(400);
      expect((await server.call('GET', '/api/projects/999')).status).toBe(404);
      expect((await server.call('GET', '/api/projects/abc')).status).toBe(400);
      expect((await server.call('PATCH', '/api/projects/999', { name: 'x' })).status).toBe(404);
      expect((await server.call('DELETE', '/api/projects/999')).status).toBe(404);
    });

    it('refuses to delete while a ticket is active, then deletes', async () => {
      const ticket = await server.call('POST', '/api/tickets', { projectId, title: 'Active work' });
      await server.core.db.run(`UPDATE tickets SET status = 'CODING' WHERE external_id = '${ticket.json.id}'`);
      const refused = await server.call('DELETE', `/api/projects/${projectId}`);
      expect(refused.status).toBe(409);
      expect(refused.json.details).toMatchObject({ activeTicketCount: 1 });
      await server.call('POST', `/api/tickets/${ticket.json.id}/cancel`);
      const deleted = await server.call('DELETE', `/api/projects/${projectId}`);
      expect(deleted.status).toBe(200);
      expect(deleted.json).toEqual({ success: true, projectRoot: repo });
      expect((await server.call('GET', `/api/projects/${projectId}`)).status).toBe(404);
      expect((await server.call('GET', `/api/tickets/${ticket.json.id}`)).status).toBe(404);
    });
  });
});
