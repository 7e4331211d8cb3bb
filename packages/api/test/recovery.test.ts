import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTempRepo,
  freePort,
  interviewScenario,
  phaseRule,
  type RunningOpencode,
  replies,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from './agent-harness.ts';

const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The real server as one separate process (node with the tsx loader, no wrapper), so SIGKILL really kills it. */
async function spawnServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    cwd: repoRoot,
    env: { ...process.env, ...env, LOOPTROOP_PORT: String(port) },
    stdio: 'pipe',
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

describe('startup recovery after SIGKILL', { timeout: 180_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let repo: TempRepo;
  let dataDir: string;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    model = await startScriptedModel({
      scenario: {
        rules: [
          phaseRule('SCANNING_RELEVANT_FILES', replies.relevantFiles()),
          phaseRule('COUNCIL_DELIBERATING', { hang: true }),
        ],
      },
    });
    opencode = await startOpencode({ modelUrl: model.url, models: MODELS });
    repo = await createTempRepo();
    dataDir = await mkdtemp(join(tmpdir(), 'lt-recovery-'));
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    await opencode.close();
    await model.close();
    await repo.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes a ticket that was mid-phase, with its artifacts and log intact, and reports it', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api`;
    const env = { LOOPTROOP_HOME: dataDir, LOOPTROOP_OPENCODE_URL: opencode.url, NODE_ENV: 'test' };
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary JSON fields and asserts on them
      const json: any = await res.json();
      return { status: res.status, json };
    };
    child = await spawnServer(env, port);
    await call('POST', '/profile', {
      mainImplementer: opencode.modelIds[0],
      councilMembers: opencode.modelIds,
      councilResponseTimeout: 60,
    });
    const project = await call('POST', '/projects', { name: 'Recover', shortname: 'REC', folderPath: repo.dir });
    const ticket = await call('POST', '/tickets', { projectId: project.json.id, title: 'Survive a crash' });
    const ref = ticket.json.id;
    await call('POST', `/tickets/${ref}/start`);
    await model.waitForRequests(4, 60_000); // the scan, then three council drafts hanging mid-phase
    expect((await call('GET', `/tickets/${ref}`)).json.status).toBe('COUNCIL_DELIBERATING');

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const logPath = join(repo.dir, '.looptroop', 'worktrees', ref, '.ticket', 'runtime', 'execution-log.jsonl');
    const linesBefore = readFileSync(logPath, 'utf8').trim().split('\n').length;

    model.setScenario(interviewScenario());
    child = await spawnServer(env, port);
    const startup = await call('GET', '/health/startup');
    expect(startup.json.storage.kind).toBe('restored');
    expect(startup.json.recovery.tickets).toContainEqual(
      expect.objectContaining({ ticketId: ref, status: 'COUNCIL_DELIBERATING', action: 'resumed' }),
    );
    expect(startup.json.ui.restoreNotice.shouldShow).toBe(true);

    const deadline = Date.now() + 90_000;
    let status = '';
    while (Date.now() < deadline && status !== 'WAITING_INTERVIEW_ANSWERS') {
      status = (await call('GET', `/tickets/${ref}`)).json.status;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('WAITING_INTERVIEW_ANSWERS');
    const scan = await call('GET', `/tickets/${ref}/artifacts?artifactType=relevant_files`);
    expect(scan.json).toHaveLength(1);
    expect(existsSync(join(repo.dir, '.looptroop', 'worktrees', ref, '.ticket', 'relevant-files.yaml'))).toBe(true);
    const lines = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(linesBefore);
    expect(lines.some((l) => l.includes('Resuming COUNCIL_DELIBERATING after a restart'))).toBe(true);
    const history = (await call('GET', `/tickets/${ref}`)).json.visitedStatuses;
    expect(history.slice(0, 3)).toEqual(['DRAFT', 'SCANNING_RELEVANT_FILES', 'COUNCIL_DELIBERATING']);
  });
});
