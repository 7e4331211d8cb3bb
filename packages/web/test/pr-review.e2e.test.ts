// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The blocked-error panel and the two ways out of WAITING_PR_REVIEW in a real browser against the real server
// (workflow.md §4.4, §10.11). No model: dev-events (NODE_ENV=test) move the ticket, and delivery is not built yet,
// so Finish Without Merge must come back as the server's clear 409 shown in the dialog.

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const shots = fileURLToPath(new URL('../../../test-artifacts/screenshots', import.meta.url));
type Json = Record<string, unknown>;

describe('PR review in headless Chromium', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let repo: TempRepo;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let ref = '';

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };
  const rest = async (method: string, path: string, body?: unknown) => {
    const reply = await call(method, path, body);
    expect(reply.status, `${method} ${path}: ${JSON.stringify(reply.json)}`).toBeLessThan(300);
    return reply.json;
  };

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error('packages/web/dist is missing: run `pnpm --filter @looptroop/web build` first');
    await mkdir(shots, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'lt-web-review-'));
    server = await startServer(
      loadConfig({ LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_WEB_DIST: dist }, { port: 0 }),
    );
    repo = await createTempRepo();
    const project = await rest('POST', '/projects', { name: 'Review App', shortname: 'REVW', folderPath: repo.dir });
    ref = String((await rest('POST', '/tickets', { projectId: project.id, title: 'Ship the login page' })).id);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await repo?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('offers Retry but not Continue for an error that has no agent session', async () => {
    await rest('POST', `/tickets/${ref}/dev-event`, { type: 'INIT_FAILED' });
    await page.goto(`${server.url}/ticket/${ref}`);
    const panel = page.getByRole('region', { name: 'Error' });
    await panel.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Continue where it stopped' }).count()).toBe(0);
    expect(await page.locator('.ticket-actions button').allTextContents()).toEqual(['Cancel…']);
    await page.screenshot({ path: join(shots, 'blocked-error-actions.png'), fullPage: true });
  });

  it('shows the clear "delivery is not available yet" refusal of Finish Without Merge, leaving the ticket in review', async () => {
    // BLOCKED_ERROR → RETRY re-enters whatever previousStatus it is given (as packages/api/test/workflow-extra.test.ts)
    await rest('POST', `/tickets/${ref}/dev-event`, {
      type: 'RETRY',
      context: { previousStatus: 'WAITING_PR_REVIEW' },
    });
    const header = page.locator('.ticket-actions');
    // the ticket page follows the move live
    await header.getByRole('button', { name: 'Finish Without Merge…' }).waitFor();
    expect(await header.locator('button').allTextContents()).toEqual([
      'Merge PR & Finish…',
      'Finish Without Merge…',
      'Cancel…',
    ]);

    await header.getByRole('button', { name: 'Finish Without Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finish without merging?' });
    await dialog.getByLabel('Reason (optional)').fill('The change shipped by hand');
    const sent = page.waitForRequest((r) => r.url().includes('/trpc/ticketActions.closeUnmerged'));
    const reread = page.waitForResponse((r) => r.url().includes('/trpc/tickets.get'));
    await dialog.getByRole('button', { name: 'Finish Without Merge', exact: true }).click();
    expect((await sent).postDataJSON()).toEqual({ id: ref, reason: 'The change shipped by hand' });
    await dialog.waitFor({ state: 'detached' });

    const refusal = header.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^Delivery is not available yet in this version of LoopTroop/);
    // the ticket was read again after the refusal, and the message outlives the page's re-render
    await reread;
    expect(await refusal.textContent()).toContain('the ticket stays in review');
    await page.screenshot({ path: join(shots, 'pr-review-close-unmerged-refused.png'), fullPage: true });

    expect((await rest('GET', `/tickets/${ref}`)).status).toBe('WAITING_PR_REVIEW');
    expect(await rest('GET', `/tickets/${ref}/artifacts?artifactType=merge_report`)).toEqual([]);
    expect(await header.locator('button').allTextContents()).toEqual([
      'Merge PR & Finish…',
      'Finish Without Merge…',
      'Cancel…',
    ]);
  });

  it('shows the same refusal for Merge PR & Finish', async () => {
    await page.locator('.ticket-actions').getByRole('button', { name: 'Merge PR & Finish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge the pull request and finish?' });
    const sent = page.waitForResponse((r) => r.url().includes('/trpc/ticketActions.merge'));
    await dialog.getByRole('button', { name: 'Merge PR & Finish', exact: true }).click();
    expect((await sent).status()).toBe(409);
    const refusal = page.locator('.ticket-actions').getByRole('alert');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('nothing was merged or closed');
    expect((await rest('GET', `/tickets/${ref}`)).status).toBe('WAITING_PR_REVIEW');
  });
});
