import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';
import {
  createTempRepo,
  type PlanningScenarioOptions,
  planningScenario,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

// The world of the planning browser tests: the scripted model, the real OpenCode binary, LoopTroop serving the built
// web app, a sample repository and headless Chromium — and the REST steps that bring a ticket to the PRD gate.

export const shots = fileURLToPath(new URL('../../../test-artifacts/screenshots', import.meta.url));
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export type Json = Record<string, unknown>;

export interface PlanningWorld {
  model: ScriptedModel;
  opencode: RunningOpencode;
  server: RunningServer;
  repo: TempRepo;
  browser: Browser;
  page: Page;
  /** Any REST call, with its status. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
  /** A REST call that must succeed. */
  rest(method: string, path: string, body?: unknown): Promise<Json>;
  waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPlanningWorld(
  name: string,
  scenario: PlanningScenarioOptions = { prdCoverage: 'capped' },
): Promise<PlanningWorld> {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('packages/web/dist is missing: run `pnpm --filter @looptroop/web build` first');
  }
  await mkdir(shots, { recursive: true });
  const model = await startScriptedModel({ scenario: planningScenario(scenario) });
  const opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] });
  const dataDir = await mkdtemp(join(tmpdir(), `lt-web-${name}-`));
  const env = { LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_OPENCODE_URL: opencode.url };
  const server = await startServer(loadConfig({ ...env, LOOPTROOP_WEB_DIST: dist }, { port: 0 }));
  const repo = await createTempRepo();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  return {
    model,
    opencode,
    server,
    repo,
    browser,
    page,
    call,
    async rest(method, path, body) {
      const { status, json } = await call(method, path, body);
      expect(status < 300, `${method} ${path} answered ${status}: ${JSON.stringify(json)}`).toBe(true);
      return json;
    },
    async waitUntil(what, check, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      await browser.close();
      await server.close();
      await opencode.close();
      await model.close();
      await repo.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Profile, project and ticket over REST, the interview skipped through (Skip All), approved, and the PRD drafted up to
 * WAITING_PRD_APPROVAL. Returns the ticket ref and the skipped question ids (the scripted Full Answers need them).
 */
export async function reachPrdApproval(
  world: PlanningWorld,
  options: { prdCoverage: PlanningScenarioOptions['prdCoverage']; maxPrdCoveragePasses: number },
): Promise<{ ref: string; skipped: string[] }> {
  const { rest, opencode } = world;
  await rest('POST', '/profile', {
    mainImplementer: opencode.modelIds[0],
    councilMembers: opencode.modelIds,
    minCouncilQuorum: 2,
    councilResponseTimeout: 30,
    structuredRetryCount: 1,
    interviewQuestions: 10,
    maxPrdCoveragePasses: options.maxPrdCoveragePasses,
  });
  const project = await rest('POST', '/projects', { name: 'Sample', shortname: 'SMP', folderPath: world.repo.dir });
  const created = await rest('POST', '/tickets', {
    projectId: project.id,
    title: 'Add login with SSO',
    description: 'Users log in with SSO.',
  });
  const ref = String(created.id);
  await rest('POST', `/tickets/${ref}/start`);
  await world.waitUntil(
    'the first interview batch',
    async () => {
      const view = await rest('GET', `/tickets/${ref}/interview`);
      const session = view.session as { pendingAnswerIds: string[] } | null;
      return Boolean(view.currentBatch) && session?.pendingAnswerIds.length === 0;
    },
    90_000,
  );
  await rest('POST', `/tickets/${ref}/skip`, {
    answers: { Q01: 'Registered users', Q02: 'Both' },
    selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
  });
  const interview = await rest('GET', `/tickets/${ref}/interview`);
  const questions = (interview.document as { questions: { id: string; answer: { skipped: boolean } }[] }).questions;
  const skipped = questions.filter((q) => q.answer.skipped).map((q) => q.id);
  expect(skipped.length).toBeGreaterThan(0);
  // Full Answers must fill exactly the skipped ids (workflow.md §8.1).
  world.model.setScenario(planningScenario({ prdCoverage: options.prdCoverage, skipped }));
  await rest('POST', `/tickets/${ref}/approve-interview`, { expectedContentSha256: interview.contentSha256 });
  await world.waitUntil(
    'WAITING_PRD_APPROVAL',
    async () => (await rest('GET', `/tickets/${ref}`)).status === 'WAITING_PRD_APPROVAL',
    120_000,
  );
  return { ref, skipped };
}
