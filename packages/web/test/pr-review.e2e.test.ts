// @vitest-environment node
import { join } from 'node:path';
import type { RunningServer } from '@looptroop/api';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startWorld, type World } from './web-world.ts';

// The blocked-error panel and the two ways out of WAITING_PR_REVIEW in a real browser against the real server
// (workflow.md §4.4, §10.11). No model: dev-events (LOOPTROOP_DEV_EVENTS=1 + the process token) move the ticket, so
// no pull request was ever published: Merge PR & Finish comes back as the server's clear 409, while Finish Without
// Merge finishes.

describe('PR review in headless Chromium', { timeout: 90_000 }, () => {
  let world: World;
  let server: RunningServer;
  let page: Page;
  let ref = '';

  // The dev-event token of this server process goes with every call (harmless on the other routes).
  const rest = (method: string, path: string, body?: unknown) =>
    world.rest(method, path, body, { 'x-looptroop-dev-event-token': server?.devEventToken ?? '' });

  beforeAll(async () => {
    world = await startWorld('review', { env: { LOOPTROOP_DEV_EVENTS: '1' } });
    ({ server, page } = world);
    const project = await rest('POST', '/projects', {
      name: 'Review App',
      shortname: 'REVW',
      folderPath: world.repo.dir,
    });
    ref = String((await rest('POST', '/tickets', { projectId: project.id, title: 'Ship the login page' })).id);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
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

  it("shows the server's 409 for Merge PR & Finish while nothing was published, leaving the ticket in review", async () => {
    // BLOCKED_ERROR → RETRY re-enters whatever previousStatus it is given (as packages/api/test/workflow-extra.test.ts)
    await rest('POST', `/tickets/${ref}/dev-event`, {
      type: 'RETRY',
      context: { previousStatus: 'WAITING_PR_REVIEW' },
    });
    const header = page.locator('.ticket-actions');
    // the ticket page follows the move live
    await header.getByRole('button', { name: 'Merge PR & Finish…' }).waitFor();
    expect(await header.locator('button').allTextContents()).toEqual([
      'Merge PR & Finish…',
      'Finish Without Merge…',
      'Cancel…',
    ]);
    await header.getByRole('button', { name: 'Merge PR & Finish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge the pull request and finish?' });
    const sent = page.waitForResponse((r) => r.url().includes('/trpc/ticketActions.merge'));
    await dialog.getByRole('button', { name: 'Merge PR & Finish', exact: true }).click();
    expect((await sent).status()).toBe(409);
    const refusal = header.getByRole('alert');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('No pull request was published');
    await page.screenshot({ path: join(shots, 'pr-review-merge-refused.png'), fullPage: true });
    expect((await rest('GET', `/tickets/${ref}`)).status).toBe('WAITING_PR_REVIEW');
    expect(await rest('GET', `/tickets/${ref}/artifacts?artifactType=merge_report`)).toEqual([]);
  });

  it('Finish Without Merge sends the reason and the ticket leaves review with a merge report', async () => {
    const header = page.locator('.ticket-actions');
    await header.getByRole('button', { name: 'Finish Without Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finish without merging?' });
    await dialog.getByLabel('Reason (optional)').fill('The change shipped by hand');
    const sent = page.waitForRequest((r) => r.url().includes('/trpc/ticketActions.closeUnmerged'));
    await dialog.getByRole('button', { name: 'Finish Without Merge', exact: true }).click();
    expect((await sent).postDataJSON()).toEqual({ id: ref, reason: 'The change shipped by hand' });
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await rest('GET', `/tickets/${ref}`)).status, { timeout: 10_000 })
      .not.toBe('WAITING_PR_REVIEW');
    const listed = await fetch(`${server.url}/api/tickets/${ref}/artifacts?artifactType=merge_report`).then((r) =>
      r.json(),
    );
    expect(listed).toHaveLength(1);
    expect(JSON.parse(listed[0].content)).toMatchObject({
      outcome: 'closed_unmerged',
      reason: 'The change shipped by hand',
    });
    await page.screenshot({ path: join(shots, 'pr-review-closed-unmerged.png'), fullPage: true });
  });
});
