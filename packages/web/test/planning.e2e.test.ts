// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';
import {
  createTempRepo,
  planningScenario,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The planning gates in the browser: the interview goes through REST (Skip All), then the PRD and the bead plan are
// reviewed, edited and approved in the UI with the real OpenCode binary answering from the scripted model.
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const shots = fileURLToPath(new URL('../../../test-artifacts/screenshots', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const BEADS = ['auth.session-store', 'auth.password-login', 'auth.sso-login', 'auth.idle-expiry'];
const GAP = 'Idle sessions are not covered.';

type Json = Record<string, unknown>;

describe('PRD and bead plan approval in headless Chromium', { timeout: 180_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let server: RunningServer;
  let repo: TempRepo;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let ref = '';
  let skipped: string[] = [];

  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Json;
    expect(res.ok, `${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
  const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const ticket = () => rest('GET', `/tickets/${ref}`);

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) {
      throw new Error('packages/web/dist is missing: run `pnpm --filter @looptroop/web build` first');
    }
    await mkdir(shots, { recursive: true });
    model = await startScriptedModel({ scenario: planningScenario({ prdCoverage: 'capped' }) });
    opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] });
    dataDir = await mkdtemp(join(tmpdir(), 'lt-web-planning-'));
    const env = { LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_OPENCODE_URL: opencode.url };
    server = await startServer(loadConfig({ ...env, LOOPTROOP_WEB_DIST: dist }, { port: 0 }));
    repo = await createTempRepo();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await opencode?.close();
    await model?.close();
    await repo?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('skips through the interview over REST and reaches WAITING_PRD_APPROVAL', async () => {
    await rest('POST', '/profile', {
      mainImplementer: opencode.modelIds[0],
      councilMembers: opencode.modelIds,
      minCouncilQuorum: 2,
      councilResponseTimeout: 30,
      structuredRetryCount: 1,
      interviewQuestions: 10,
      maxPrdCoveragePasses: 2, // the scripted audit never comes back clean: the loop stops on this cap
    });
    const project = await rest('POST', '/projects', { name: 'Sample', shortname: 'SMP', folderPath: repo.dir });
    const created = await rest('POST', '/tickets', {
      projectId: project.id,
      title: 'Add login with SSO',
      description: 'Users log in with SSO.',
    });
    ref = String(created.id);
    await rest('POST', `/tickets/${ref}/start`);
    await waitUntil(
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
    skipped = questions.filter((q) => q.answer.skipped).map((q) => q.id);
    expect(skipped.length).toBeGreaterThan(0);
    // Full Answers must fill exactly the skipped ids (workflow.md §8.1).
    model.setScenario(planningScenario({ prdCoverage: 'capped', skipped }));
    await rest('POST', `/tickets/${ref}/approve-interview`, { expectedContentSha256: interview.contentSha256 });
    await waitUntil('WAITING_PRD_APPROVAL', async () => (await ticket()).status === 'WAITING_PRD_APPROVAL', 120_000);
  });

  it('reviews the PRD: structured view, capped coverage gaps, Full Answers and the council record', async () => {
    await page.goto(`${server.url}/ticket/${ref}`);
    const prd = page.getByTestId('prd-approval');
    await prd.waitFor();
    await prd.getByTestId('problem-statement').getByText('Users cannot log in').waitFor();
    expect(await prd.locator('[data-story]').count()).toBe(4); // US-2-2 came from the coverage revision
    expect(await prd.locator('[data-story="US-1-1"]').textContent()).toContain('A wrong password is refused');
    expect(await prd.locator('[data-story="US-1-1"] .commands').textContent()).toContain('node --test');
    const gaps = prd.getByTestId('coverage-gaps');
    expect(await gaps.textContent()).toContain('stopped at its cap of 2 passes');
    expect(await gaps.textContent()).toContain(GAP);
    await prd.getByTestId('full-answers').locator('summary').click();
    expect(await prd.locator('[data-answered-by=ai_skip]').count()).toBe(skipped.length);
    expect(await prd.locator(`[data-answer="${skipped[0]}"]`).textContent()).toContain('AI-filled');
    expect(await prd.locator(`[data-answer="${skipped[0]}"]`).textContent()).toContain(`Filled in for ${skipped[0]}.`);
    const council = prd.getByTestId('council-record');
    expect(await council.locator('tbody tr').count()).toBe(3);
    expect(await council.locator('tr.winner').textContent()).toContain('scripted/alpha');
    expect(await council.locator('[data-degraded]').textContent()).toBe('not degraded');
    // Approval lives in the panel; the header has no hash-less Approve of its own here.
    expect(await page.locator('.ticket-actions [data-action=approve]').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'prd-approval.png'), fullPage: true });
  });

  it('refuses an invalid PRD with its schema problems, then saves an edit that the approval uses', async () => {
    const prd = page.getByTestId('prd-approval');
    const before = (await rest('GET', `/files/${ref}/prd`)).contentSha256;
    await prd.getByRole('tab', { name: 'Raw YAML' }).click();
    const yaml = prd.getByLabel('PRD YAML');
    const original = await yaml.inputValue();
    expect(original).toContain(`ticket_id: ${ref}`);
    await yaml.fill('epics: []');
    expect(await prd.getByRole('button', { name: 'Approve PRD' }).isDisabled()).toBe(true);
    await prd.getByRole('button', { name: 'Save PRD' }).click();
    const refusal = prd.getByTestId('prd-save-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('epics');
    await yaml.fill(original.replace('Users cannot log in', 'Users still cannot log in'));
    await prd.getByRole('button', { name: 'Save PRD' }).click();
    await prd.getByRole('tab', { name: 'Structured' }).click();
    await prd.getByTestId('problem-statement').getByText('Users still cannot log in').waitFor();
    expect((await rest('GET', `/files/${ref}/prd`)).contentSha256).not.toBe(before);
  });

  it('approves the PRD and waits for the bead plan', async () => {
    await page.getByRole('button', { name: 'Approve PRD' }).click();
    const beads = page.getByTestId('beads-approval');
    await beads.waitFor({ timeout: 120_000 });
    expect((await ticket()).status).toBe('WAITING_BEADS_APPROVAL');
    // the approved PRD stays visible, read-only
    await page.getByText('PRD (approved, read-only)').waitFor();
  });

  it('shows the beads in execution order with their details and dependency chains', async () => {
    const beads = page.getByTestId('beads-approval');
    const order = () => beads.locator('.bead-list [data-bead]').evaluateAll((els) => els.map((e) => e.dataset.bead));
    expect(await order()).toEqual(BEADS);
    const sso = beads.locator('[data-bead="auth.sso-login"]');
    expect(await sso.getByTestId('commands-auth.sso-login').textContent()).toContain('No command: Covered by');
    expect(await sso.getByTestId('deps-auth.sso-login').textContent()).toContain(
      'Chain: auth.session-store → auth.password-login → auth.sso-login',
    );
    expect(await beads.getByTestId('deps-auth.session-store').textContent()).toContain(
      'Blocks: auth.password-login, auth.idle-expiry',
    );
    expect(await sso.textContent()).toContain('src/auth.js');
    expect(await sso.textContent()).toContain('US-1-2');
    expect(await beads.getByTestId('coverage').textContent()).toContain('clean');
    expect(await beads.getByTestId('council-record').locator('tbody tr').count()).toBe(3);
    await page.screenshot({ path: join(shots, 'beads-approval.png'), fullPage: true });
  });

  it('shows a dependency cycle refused by the server next to the beads it names, then saves the fix', async () => {
    const beads = page.getByTestId('beads-approval');
    const store = beads.locator('[data-bead="auth.session-store"]');
    await store.getByRole('button', { name: 'Edit' }).click();
    await store.getByLabel('auth.session-store is blocked by auth.sso-login').check();
    await beads.getByRole('button', { name: 'Save plan' }).click();
    await beads.getByTestId('beads-save-error').waitFor();
    for (const id of ['auth.session-store', 'auth.password-login', 'auth.sso-login']) {
      const issues = await beads.getByTestId(`issues-${id}`).textContent();
      expect(issues).toContain('Dependency cycle');
      expect(issues).toContain('auth.sso-login');
      expect(issues).toContain('auth.session-store');
    }
    expect(await beads.getByTestId('issues-auth.idle-expiry').count()).toBe(0);
    expect(await beads.getByRole('button', { name: 'Approve bead plan' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'beads-cycle.png'), fullPage: true });

    // Fix: drop the cycle, rename a bead, move the independent idle-expiry bead up to run second.
    await store.getByLabel('auth.session-store is blocked by auth.sso-login').uncheck();
    await store.getByLabel('Title of auth.session-store').fill('Session store module');
    await beads.getByLabel('Move auth.idle-expiry up').click();
    await beads.getByLabel('Move auth.idle-expiry up').click();
    await beads.getByRole('button', { name: 'Save plan' }).click();
    await beads.getByTestId('beads-save-error').waitFor({ state: 'detached' });
    await beads.locator('.bead-list [data-bead="auth.idle-expiry"] .bead-order').getByText('#2').waitFor();
    const saved = await rest('GET', `/tickets/${ref}/beads`);
    const plan = saved.beads as { id: string; title: string; priority: number }[];
    expect(plan.map((b) => [b.id, b.priority])).toEqual([
      ['auth.session-store', 1],
      ['auth.idle-expiry', 2],
      ['auth.password-login', 3],
      ['auth.sso-login', 4],
    ]);
    expect(plan[0]?.title).toBe('Session store module');
    expect(saved.issues).toEqual([]);
  });

  it('approves the bead plan into PRE_FLIGHT_CHECK', async () => {
    const beads = page.getByTestId('beads-approval');
    await beads.getByRole('button', { name: 'Approve bead plan' }).click();
    await waitUntil(
      'PRE_FLIGHT_CHECK in visitedStatuses',
      async () => ((await ticket()).visitedStatuses as string[]).includes('PRE_FLIGHT_CHECK'),
      30_000,
    );
    // Execution is not built yet: the ticket moves on to BLOCKED_ERROR, and the plan stays visible read-only.
    await page.getByText('Bead plan (approved, read-only)').waitFor();
    await page.getByTestId('status').getByText('Error').waitFor();
    // the ticket's `error` event is an event, not a lost connection: the live log stays live
    expect(await page.getByTestId('stream-status').textContent()).toBe('live');
    await page.screenshot({ path: join(shots, 'beads-approved.png'), fullPage: true });
  });
});
