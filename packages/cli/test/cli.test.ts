import { readFile } from 'node:fs/promises';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('looptroop without a server', () => {
  it('exits 2 with the reason on usage errors, before contacting any server', async () => {
    const [unknown, none, badFlag, missing] = await Promise.all([
      runCli(['bogus']),
      runCli([]),
      runCli(['tickets', 'list', '--nope']),
      runCli(['tickets', 'create', '--title', 'x']),
    ]);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "bogus"') });
    expect(none).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: looptroop <command>') });
    expect(badFlag).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--project is required') });
  });

  it('prints its version and help with exit 0', async () => {
    const packageJson: { version: string } = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    );
    const [version, help] = await Promise.all([runCli(['--version']), runCli(['--help'])]);
    expect(version).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('logs REF [--follow]') });
  });

  it('exits 1 and says the server is not reachable when nothing listens at --url', async () => {
    const result = await runCli(['status', '--url', 'http://127.0.0.1:1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LoopTroop is not reachable at http://127.0.0.1:1');
  });
});

describe('looptroop against a running server', () => {
  let server: TestServer;
  let repo: TempRepo;
  const cli = (...args: string[]) => runCli([...args, '--url', server.url]);
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  beforeAll(async () => {
    [server, repo] = await Promise.all([startTestServer(), createTempRepo()]);
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it('reports status as text and as JSON', async () => {
    const [text, value] = await Promise.all([cli('status'), json('status')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`LoopTroop ok at ${server.url}`);
    expect(value).toMatchObject({ url: server.url, health: { status: 'ok' }, startup: { storage: {} } });
  });

  it('prints the OpenAPI document', async () => {
    const document = await json('openapi');
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toContain('/api/tickets');
  });

  it('attaches a git repository, lists it, refuses a folder that is not one, and detaches it by shortname', async () => {
    const attached = await cli('projects', 'attach', '--name', 'Demo', '--shortname', 'DEMO', '--path', repo.dir);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.stdout).toMatch(/Attached Demo \(DEMO\) as project \d+/);
    expect(await json('projects', 'list')).toEqual([
      expect.objectContaining({ shortname: 'DEMO', folderPath: repo.dir }),
    ]);
    const table = await cli('projects', 'list');
    expect(table.stdout).toMatch(/^ID\s+SHORTNAME\s+NAME\s+FOLDER PATH/);

    const notRepo = await cli(
      'projects',
      'attach',
      '--name',
      'X',
      '--shortname',
      'XX',
      '--path',
      `${repo.dir}/missing`,
    );
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toMatch(/^error: \S/);

    expect((await cli('projects', 'rm', 'demo')).code).toBe(0);
    expect(await json('projects', 'list')).toEqual([]);
  });

  it('creates, lists, shows and cancels tickets', async () => {
    const project = await json('projects', 'attach', '--name', 'Auth', '--shortname', 'AUTH', '--path', repo.dir);
    const created = await json(
      'tickets',
      'create',
      '--project',
      String(project.id),
      '--title',
      'Say hi',
      '--priority',
      '2',
    );
    expect(created).toMatchObject({ id: 'AUTH-1', priority: 2, status: 'DRAFT', projectId: project.id });
    const second = await cli(
      'tickets',
      'create',
      '--project',
      'AUTH',
      '--title',
      'Say bye',
      '--description',
      'Politely',
    );
    expect(second.stdout).toContain('Created AUTH-2: Say bye');

    const list = await json('tickets', 'list', '--project', 'AUTH');
    expect(list.map((t: { id: string }) => t.id).sort()).toEqual(['AUTH-1', 'AUTH-2']);
    const shown = await cli('tickets', 'show', 'AUTH-2');
    expect(shown.stdout).toContain('AUTH-2  Say bye');
    expect(shown.stdout).toContain('DRAFT (Backlog)');
    expect(shown.stdout).toContain('Politely');

    const canceled = await cli('tickets', 'cancel', 'AUTH-1');
    expect(canceled.code, canceled.stderr).toBe(0);
    expect(canceled.stdout).toContain('AUTH-1 is CANCELED');
    expect(await json('tickets', 'show', 'AUTH-1')).toMatchObject({ status: 'CANCELED', previousStatus: 'DRAFT' });

    const missing = await cli('tickets', 'show', 'AUTH-404');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Ticket not found');
  });

  it('exits 1 with the reason when a ticket action is refused', async () => {
    const [approve, start] = await Promise.all([
      cli('tickets', 'approve', 'AUTH-2'),
      cli('tickets', 'start', 'AUTH-2'),
    ]);
    expect(approve).toMatchObject({ code: 1, stderr: 'error: AUTH-2 is in DRAFT; there is nothing to approve\n' });
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(/^error: \S/);
  });
});
