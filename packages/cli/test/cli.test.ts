import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/looptroop.js', import.meta.url));

function run(
  args: string[],
  options: { timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: tmpdir(),
      env: { ...process.env, LOOPTROOP_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function spawnFollow(args: string[]): {
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp) => Promise<void>;
} {
  const child = spawn(process.execPath, [bin, ...args], { cwd: tmpdir() });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c;
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c;
  });
  return {
    child,
    output: () => out,
    async waitFor(re) {
      const deadline = Date.now() + 20_000;
      while (!re.test(out)) {
        if (Date.now() > deadline) throw new Error(`no ${re} in: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

describe('looptroop CLI (real binary, real server)', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let dataDir: string;
  let repo: TempRepo;
  let url: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lt-cli-'));
    server = await startServer(
      loadConfig({ LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_HEARTBEAT_MS: '300' }, { port: 0 }),
    );
    url = server.url;
    repo = await createTempRepo();
  });
  afterAll(async () => {
    await server.close();
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports status, and exits 1 with a clear message when the server is down', async () => {
    const up = await run(['status', '--url', url]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`LoopTroop ok at ${url}`);
    const down = await run(['status', '--url', 'http://127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('not reachable');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['bogus'])).code).toBe(2);
    expect((await run(['tickets', 'create', '--url', url, '--title', 'x'])).code).toBe(2);
    expect((await run(['--nope'])).code).toBe(2);
  });

  it('attaches projects, creates, lists, shows and cancels tickets, and prints logs', async () => {
    const attach = await run([
      'projects',
      'attach',
      '--url',
      url,
      '--name',
      'Demo',
      '--shortname',
      'DEMO',
      '--path',
      repo.dir,
      '--json',
    ]);
    expect(attach.code).toBe(0);
    const project = JSON.parse(attach.stdout);
    expect(project).toMatchObject({ shortname: 'DEMO', folderPath: repo.dir });
    const created = await run([
      'tickets',
      'create',
      '--url',
      url,
      '--project',
      String(project.id),
      '--title',
      'Say hi',
      '--priority',
      '2',
      '--json',
    ]);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 'DEMO-1', priority: 2, status: 'DRAFT' });
    const list = await run(['tickets', 'list', '--url', url, '--json']);
    expect(JSON.parse(list.stdout).map((t: { id: string }) => t.id)).toEqual(['DEMO-1']);
    const show = await run(['tickets', 'show', 'DEMO-1', '--url', url]);
    expect(show.stdout).toContain('DRAFT (Backlog)');

    const follow = spawnFollow(['logs', 'DEMO-1', '--follow', '--url', url]);
    await new Promise((r) => setTimeout(r, 1500));
    const cancel = await run(['tickets', 'cancel', 'DEMO-1', '--url', url]);
    expect(cancel.code).toBe(0);
    await follow.waitFor(/\[STATE\] DRAFT → CANCELED/);
    follow.child.kill('SIGTERM');

    const logs = await run(['logs', 'DEMO-1', '--url', url]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/\[STATE\] DRAFT → CANCELED/);
    const missing = await run(['tickets', 'show', 'DEMO-404', '--url', url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Ticket not found');
    const rm = await run(['projects', 'rm', String(project.id), '--url', url]);
    expect(rm.code).toBe(0);
  });

  it('starts a foreground server that prints its URL and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lt-cli-start-'));
    const started = spawnFollow(['start', '--port', '0', '--data-dir', dir, '--no-opencode']);
    await started.waitFor(/running at http:\/\/127\.0\.0\.1:\d+/);
    const startedUrl = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1];
    const health = await fetch(`${startedUrl}/api/health`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((r) => started.child.once('exit', r));
    started.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('looptroop demo', { timeout: 180_000 }, () => {
  it('plays a ticket with scripted models through the interview to its approval, answering by itself', async () => {
    const result = await run(['demo', '--auto', '--until', 'WAITING_INTERVIEW_APPROVAL', '--json'], {
      timeoutMs: 170_000,
    });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.reached).toBe('WAITING_INTERVIEW_APPROVAL');
    expect(summary.history).toEqual(
      expect.arrayContaining([
        'SCANNING_RELEVANT_FILES',
        'COUNCIL_DELIBERATING',
        'WAITING_INTERVIEW_ANSWERS',
        'WAITING_INTERVIEW_APPROVAL',
      ]),
    );
  });

  it('refuses an unknown --until status', async () => {
    const result = await run(['demo', '--until', 'NOPE'], { timeoutMs: 120_000 });
    expect(result.code).toBe(2);
  });
});
