// @vitest-environment node
import { basename, dirname, join } from 'node:path';
import type { RunningServer } from '@looptroop/api';
import type { TempRepo } from '@looptroop/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startWorld, type World } from './web-world.ts';

// The board without any model: attach, create and cancel through the UI, and prove the board moves cards from the
// stream alone (list refetches are blocked while the ticket is canceled behind the page's back).

describe('board in headless Chromium, live without a model', { timeout: 120_000 }, () => {
  let world: World;
  let server: RunningServer;
  let repo: TempRepo;
  let page: Page;

  beforeAll(async () => {
    // Port 9 (discard) is never an OpenCode server: the app must stay usable and say so.
    world = await startWorld('live', { env: { LOOPTROOP_OPENCODE_URL: 'http://127.0.0.1:9' } });
    ({ server, repo, page } = world);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const rest = (method: string, path: string, body?: unknown) => world.rest(method, path, body);
  const card = (column: string, ref: string) => page.locator(`[data-column=${column}] [data-ticket="${ref}"]`);

  it('attaches a repository picked in the folder browser', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Projects' }).click();
    const folder = page.getByPlaceholder('/path/to/repo');
    await folder.fill(dirname(repo.dir));
    await folder.press('Tab');
    await page.locator('.folder-browser button', { hasText: basename(repo.dir) }).click();
    await expect.poll(() => folder.inputValue()).toBe(repo.dir);
    await page.locator('[data-check-git=valid]').waitFor();
    expect(await page.locator('.check-git').textContent()).toContain('Branch main');
    await page.getByLabel('Name', { exact: true }).fill('Live Board');
    await page.screenshot({ path: join(shots, 'projects-dialog.png') });
    await page.getByRole('button', { name: 'Attach project' }).click();
    await page.locator('.project-list [data-project=LIVE]').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('creates tickets through the dialog and shows them in To Do', async () => {
    for (const [title, priority] of [
      ['Rotate refresh tokens', '2'],
      ['Document the API', '4'],
      ['Fix flaky login test', '3'],
    ] as const) {
      await page.getByRole('button', { name: 'New ticket' }).click();
      await page.locator('input[name=title]').fill(title);
      await page.locator('textarea[name=description]').fill(`${title}: details.`);
      await page.locator('select[name=priority]').selectOption(priority);
      await page.getByRole('button', { name: 'Create ticket' }).click();
      await page.waitForURL(/\/ticket\/LIVE-\d+$/);
      await page.getByRole('link', { name: 'LoopTroop' }).click();
    }
    for (const ref of ['LIVE-1', 'LIVE-2', 'LIVE-3']) await card('todo', ref).waitFor();
    expect(await card('todo', 'LIVE-1').textContent()).toContain('P2');
  });

  it('moves a card to Done from the stream alone when the ticket is canceled elsewhere', async () => {
    // With list refetches failing, only the stream's state_change can move the card (polling would take 10 s anyway).
    await page.route('**/trpc/tickets.list**', (route) => route.abort());
    try {
      await rest('POST', '/tickets/LIVE-2/cancel', { deleteContent: false, deleteLog: false });
      await card('done', 'LIVE-2').waitFor({ timeout: 5_000 });
      expect(await card('done', 'LIVE-2').textContent()).toContain('Canceled');
    } finally {
      await page.unroute('**/trpc/tickets.list**');
    }
  });

  it('cancels from the ticket view after confirmation, and the board shows it in Done', async () => {
    await card('todo', 'LIVE-3').click();
    await page.waitForURL(/\/ticket\/LIVE-3$/);
    await page.getByTestId('stream-status').getByText('live').waitFor();
    await page.getByRole('button', { name: 'Cancel…' }).click();
    await page.getByRole('button', { name: 'Keep ticket' }).click();
    expect((await rest('GET', '/tickets/LIVE-3')).status).toBe('DRAFT');
    await page.getByRole('button', { name: 'Cancel…' }).click();
    await page.getByLabel(/Delete the execution log/).check();
    await page.screenshot({ path: join(shots, 'cancel-dialog.png') });
    await page.getByRole('button', { name: 'Cancel ticket' }).click();
    await page.getByTestId('status').getByText('Canceled').waitFor();
    // the live log shows the state change as it happens, and the timeline ends on Done
    await page.locator('.log li[data-tag=STATE]', { hasText: 'DRAFT → CANCELED' }).waitFor();
    expect(await page.locator('.timeline [aria-current=step]').textContent()).toContain('Done');
    await page.screenshot({ path: join(shots, 'ticket-canceled.png'), fullPage: true });
    expect((await rest('GET', '/tickets/LIVE-3')).status).toBe('CANCELED');

    await page.getByRole('link', { name: 'LoopTroop' }).click();
    await card('done', 'LIVE-3').waitFor();
    await card('todo', 'LIVE-1').waitFor();
    await page.screenshot({ path: join(shots, 'board-live.png') });
  });

  it('keeps the configuration dialog usable while OpenCode is down', async () => {
    await page.getByRole('button', { name: 'Configuration' }).click();
    await page.getByText('OpenCode server is not reachable').first().waitFor();
    expect(await page.locator('input[name=maxIterations]').inputValue()).toBe('5');
    await page.locator('input[name=mainImplementer]').fill('gpt-5');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Main implementer "gpt-5" is not a provider/model id').waitFor();
    await page.screenshot({ path: join(shots, 'configuration.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });
});
