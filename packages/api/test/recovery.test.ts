import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { type ServerProcess, spawnServer } from './server-process.ts';

describe('startup recovery after SIGKILL', { timeout: 180_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let repo: TempRepo;
  let dataDir: string;
  let server: ServerProcess | undefined;
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
    await server?.kill();
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
    server = await spawnServer(env, port);
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

    await server.kill();
    const logPath = join(repo.dir, '.looptroop', 'worktrees', ref, '.ticket', 'runtime', 'execution-log.jsonl');
    const linesBefore = readFileSync(logPath, 'utf8').trim().split('\n').length;

    model.setScenario(interviewScenario());
    server = await spawnServer(env, port);
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
