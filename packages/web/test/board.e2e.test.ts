// @vitest-environment node
import { join } from 'node:path';
import type { RunningServer } from '@looptroop/api';
import {
  interviewScenario,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startWorld, type World } from './web-world.ts';

describe('web app in headless Chromium', { timeout: 180_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let world: World;
  let server: RunningServer;
  let repo: TempRepo;
  let page: Page;

  beforeAll(async () => {
    model = await startScriptedModel({ scenario: interviewScenario() });
    opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] });
    world = await startWorld('board', { env: { LOOPTROOP_OPENCODE_URL: opencode.url } });
    ({ server, repo, page } = world);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await opencode?.close();
    await model?.close();
  });

  const api = async (method: string, path: string, body?: unknown) => (await world.call(method, path, body)).json;

  it('configures a profile, attaches a project and creates a ticket through the UI', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Configuration' }).click();
    await page.locator('input[name=mainImplementer]').fill(opencode.modelIds[0] ?? '');
    await page.locator('input[name=councilMembers]').fill(opencode.modelIds.join(', '));
    await page.locator('input[name=councilResponseTimeout]').fill('30');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByText('Saved').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Projects' }).click();
    await page.getByPlaceholder('/path/to/repo').fill(repo.dir);
    await page.getByPlaceholder('/path/to/repo').press('Tab');
    await page.locator('[data-check-git=valid]').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Sample App');
    await page.getByRole('button', { name: 'Attach project' }).click();
    await page.locator('.project-list code', { hasText: 'SAMP' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'New ticket' }).click();
    await page.locator('input[name=title]').fill('Add SSO login');
    await page.locator('textarea[name=description]').fill('Users sign in with their company account.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/ticket\/SAMP-1$/);
    await page.getByTestId('status').getByText('Backlog').waitFor();
    await page.getByText('LoopTroop').first().click();
    await page.locator('[data-column=todo] [data-ticket="SAMP-1"]').waitFor();
  });

  it('moves the card across columns live when the ticket is started', async () => {
    await api('POST', '/tickets/SAMP-1/start');
    // no reload: the board's stream moves the card
    await page
      .locator('[data-column=in_progress] [data-ticket="SAMP-1"], [data-column=needs_input] [data-ticket="SAMP-1"]')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-column=needs_input] [data-ticket="SAMP-1"]').waitFor({ timeout: 90_000 });
    await page.screenshot({ path: join(shots, 'board.png') });
  });

  it('answers interview questions in the ticket view', async () => {
    await page.locator('[data-ticket="SAMP-1"]').click();
    await page.waitForURL(/\/ticket\/SAMP-1$/);
    await page.locator('form.interview[data-batch="1"]').waitFor({ timeout: 30_000 });
    // the council view lists every member with its draft and vote outcome
    await page.locator('.council [data-member="scripted/gamma"]').waitFor();
    expect(await page.locator('.council tbody tr').count()).toBe(3);
    // equal scripted scores: every draft totals 3 voters × 90 points
    expect(await page.locator('.council [data-member="scripted/alpha"] td').nth(3).textContent()).toBe('270');
    await page.screenshot({ path: join(shots, 'interview.png') });
    await page.getByLabel('Answer to Q01').fill('Employees of our company');
    await page.locator('[data-question=Q02] [data-option=opt-sso]').click();
    // drafts are autosaved and restored after a reload
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('form.interview[data-batch="1"]').waitFor();
    await page.getByLabel('Answer to Q01').fill('Employees of our company');
    expect(await page.locator('[data-question=Q02] [data-option=opt-sso]').getAttribute('class')).toContain('chosen');
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.locator('form.interview[data-batch="2"]').waitFor({ timeout: 60_000 });
    const view = await api('GET', '/tickets/SAMP-1/interview');
    const answers = (view.session as { answers: Record<string, { free_text: string; selected_option_ids: string[] }> })
      .answers;
    expect(answers.Q01?.free_text).toBe('Employees of our company');
    expect(answers.Q02?.selected_option_ids).toEqual(['opt-sso']);
    await page.locator('.log li').first().waitFor();
    await page.screenshot({ path: join(shots, 'ticket.png'), fullPage: true });
  });

  it('edits the ticket and lists its artifacts', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.locator('input[name=title]').fill('Add SSO login (company accounts)');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: /company accounts/ }).waitFor();
    await page.getByRole('region', { name: 'Artifacts' }).getByText('relevant_files', { exact: true }).click();
    await page.locator('.artifact-content').getByText('src/index.js').first().waitFor();
  });

  it('cancels from the ticket view after confirmation', async () => {
    await page.getByRole('button', { name: 'Cancel…' }).click();
    await page.getByRole('button', { name: 'Cancel ticket' }).click();
    await page.getByTestId('status').getByText('Canceled').waitFor({ timeout: 30_000 });
    const ticket = await api('GET', '/tickets/SAMP-1');
    expect(ticket.status).toBe('CANCELED');
  });
});
