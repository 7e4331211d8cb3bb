// @vitest-environment node
import { join } from 'node:path';
import { planningScenario, type Rule } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, type PlanningWorld, reachPrdApproval, shots, startPlanningWorld } from './planning-world.ts';

// What a user does at the planning gates besides reading and approving (workflow.md §4.7, §4.8, §8.5, §16.6–7):
// unsaved edits autosaved as drafts and restored after a reload, Fix gaps with AI (a failure, then a fix that comes
// back clean), approve with open gaps, and editing the approved PRD while the beads are planned.
const GAP = 'Idle sessions are not covered.';
const SAVED = /^Draft saved \d\d:\d\d:\d\d$/;

describe('planning gates: drafts, Fix gaps with AI, approve with gaps, PRD edit restart', { timeout: 90_000 }, () => {
  let world: PlanningWorld;
  let ref = '';
  let skipped: string[] = [];

  const prdSha = async () => (await world.rest('GET', `/files/${ref}/prd`)).contentSha256;
  const uiState = async (scope: string) => (await world.rest('GET', `/tickets/${ref}/ui-state?scope=${scope}`)).data;
  const prd = () => world.page.getByTestId('prd-approval');

  beforeAll(async () => {
    world = await startPlanningWorld('planning-gates');
    ({ ref, skipped } = await reachPrdApproval(world, { prdCoverage: 'capped', maxPrdCoveragePasses: 2 }));
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('autosaves a PRD edit as a draft (not the PRD), restores it after a reload, flags it once the PRD changes', async () => {
    const { page } = world;
    await page.goto(`${world.server.url}/ticket/${ref}`);
    await prd().getByRole('tab', { name: 'Raw YAML' }).click();
    const yaml = prd().getByLabel('PRD YAML');
    const original = await yaml.inputValue();
    const before = await prdSha();
    await yaml.fill(original.replace('Users cannot log in', 'Users cannot log in (draft)'));
    const autosave = prd().getByTestId('autosave');
    await page.waitForFunction(
      (el) => /^Draft saved \d\d:\d\d:\d\d$/.test(el?.textContent ?? ''),
      await autosave.elementHandle(),
    );
    expect(await prdSha()).toBe(before); // the authoritative PRD is untouched
    expect(await uiState('prd-draft')).toMatchObject({ baseSha256: before });
    expect(((await uiState('prd-draft')) as { value: string }).value).toContain('(draft)');

    await page.reload();
    const notice = prd().getByTestId('draft-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Restored your unsaved draft from \d\d:\d\d:\d\d/);
    expect(await prd().getByLabel('PRD YAML').inputValue()).toContain('(draft)');
    expect(await prd().getByTestId('autosave').textContent()).toMatch(SAVED);
    expect(await prd().locator('.approve-bar button').isDisabled()).toBe(true);
    await page.screenshot({ path: join(shots, 'prd-draft-restored.png'), fullPage: true });

    // Another tab saves the PRD: the open editor sets the draft aside, flagged as made from an older version.
    await world.rest('PUT', `/files/${ref}/prd`, {
      content: original.replace('Users cannot log in', 'Nobody can log in'),
    });
    await page.locator('[data-testid=draft-notice][data-outdated=true]').waitFor();
    expect(await prd().getByLabel('PRD YAML').inputValue()).toContain('Nobody can log in');
    await page.reload();
    const outdated = page.locator('[data-testid=draft-notice][data-outdated=true]');
    await outdated.waitFor();
    expect(await outdated.textContent()).toContain('based on an older version of the PRD');
    await outdated.getByRole('button', { name: 'Discard draft' }).click();
    await outdated.waitFor({ state: 'detached' });
    await world.waitUntil('the cleared draft', async () => JSON.stringify(await uiState('prd-draft')) === '{}', 5_000);
  });

  it('asks before approving with open gaps', async () => {
    const approve = prd().getByRole('button', { name: 'Approve with 1 open gap' });
    await approve.click();
    const dialog = world.page.getByRole('dialog', { name: 'Approve the PRD with 1 open gap?' });
    expect(await dialog.textContent()).toContain(GAP);
    await dialog.getByLabel('Reason (optional)').fill('Idle expiry comes next sprint');
    await dialog.getByRole('button', { name: 'Keep reviewing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await world.rest('GET', `/tickets/${ref}`)).status).toBe('WAITING_PRD_APPROVAL');
  });

  it('shows a failed gap fix (FIX_GAPS_FAILED on the stream) and gives Approve back', async () => {
    const base = planningScenario({ prdCoverage: 'capped', skipped });
    // Every answer in the revision's session (the correction retry included) is unusable: the fix fails.
    const broken: Rule = {
      match: { marker: '## Task: coverage revision', in: 'all' },
      reply: { text: 'No PRD today.' },
    };
    world.model.setScenario({ ...base, rules: [broken, ...base.rules] });
    await prd().getByRole('button', { name: 'Fix gaps with AI' }).click();
    const failure = prd().getByTestId('fix-gaps-error');
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.textContent()).toContain('Fix gaps with AI failed.');
    expect(await failure.textContent()).toContain('Fixing the prd gaps failed');
    expect(await prd().getByRole('button', { name: 'Approve with 1 open gap' }).isEnabled()).toBe(true);
    await world.page.screenshot({ path: join(shots, 'prd-fix-gaps-failed.png'), fullPage: true });
    await failure.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('fixes the gaps with AI: progress, Approve and Save wait, the gaps disappear', async () => {
    const { page } = world;
    world.model.setScenario(planningScenario({ prdCoverage: 'clean', skipped, revisionDelayMs: 2500 }));
    await prd().getByRole('tab', { name: 'Raw YAML' }).click();
    const yaml = prd().getByLabel('PRD YAML');
    await yaml.fill((await yaml.inputValue()).replace('Nobody can log in', 'Nobody can log in (edit)'));
    await prd().getByRole('button', { name: 'Fix gaps with AI' }).click();
    const progress = prd().getByTestId('fix-gaps-progress');
    await progress.getByText(/AI is fixing 1 gap/).waitFor();
    expect(await prd().getByRole('button', { name: 'Approve with 1 open gap' }).isDisabled()).toBe(true);
    expect(await prd().getByRole('button', { name: 'Save PRD' }).isDisabled()).toBe(true);
    expect(await prd().locator('.approve-bar').textContent()).toContain('AI is fixing the coverage gaps');
    await page.screenshot({ path: join(shots, 'prd-fix-gaps-running.png'), fullPage: true });

    await prd().getByTestId('fix-gaps-done').waitFor({ timeout: 60_000 });
    expect(await prd().getByTestId('fix-gaps-done').textContent()).toContain('coverage is clean');
    expect(await prd().getByTestId('coverage-gaps').count()).toBe(0);
    expect(await prd().locator('[data-coverage-status]').textContent()).toBe('clean');
    const review = await world.rest('GET', `/tickets/${ref}/review/prd`);
    expect(review.coverage).toMatchObject({ status: 'clean', terminationReason: 'fix_gaps_clean' });
    // the revision replaced the PRD under the edit: it is kept, flagged, not laid over the new version
    const notice = page.locator('[data-testid=draft-notice][data-outdated=true]');
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Discard draft' }).click();
    expect(await prd().getByRole('button', { name: 'Approve PRD' }).isEnabled()).toBe(true);
  });

  it('approves the PRD, then autosaves and restores a bead plan edit', async () => {
    const { page } = world;
    await prd().getByRole('button', { name: 'Approve PRD' }).click();
    const beads = page.getByTestId('beads-approval');
    await beads.waitFor({ timeout: 60_000 });
    expect(await world.rest('GET', `/tickets/${ref}`)).toMatchObject({ status: 'WAITING_BEADS_APPROVAL' });
    expect(await uiState('prd-draft')).toEqual({});
    const order = () => beads.locator('.bead-list [data-bead]').evaluateAll((els) => els.map((e) => e.dataset.bead));
    const loaded = await order();
    const last = loaded.at(-1) ?? '';
    await beads.getByLabel(`Move ${last} up`).click();
    await page.waitForFunction(
      (el) => /^Draft saved \d\d:\d\d:\d\d$/.test(el?.textContent ?? ''),
      await beads.getByTestId('autosave').first().elementHandle(),
    );
    const moved = await order();
    expect(moved).not.toEqual(loaded);
    expect((await world.rest('GET', `/tickets/${ref}/beads`)).beads).toMatchObject(loaded.map((id) => ({ id })));

    await page.reload();
    const notice = page.getByTestId('beads-approval').getByTestId('draft-notice').first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Restored your unsaved draft');
    expect(await order()).toEqual(moved);
    await notice.getByRole('button', { name: 'Discard draft' }).click();
    expect(await order()).toEqual(loaded);
  });

  it('edits the approved PRD after a confirmation; saving restarts bead planning at DRAFTING_BEADS', async () => {
    const { page } = world;
    // Slow the blueprint drafts a little, so the restarted status can be seen before the council moves on.
    const base = planningScenario({ prdCoverage: 'clean', skipped });
    const slow = base.rules.map(
      (rule): Rule =>
        rule.match?.phase === 'DRAFTING_BEADS' && !Array.isArray(rule.reply)
          ? { ...rule, reply: { ...rule.reply, delayMs: 3000 } }
          : rule,
    );
    world.model.setScenario({ ...base, rules: slow });
    await prd().getByRole('button', { name: 'Edit approved PRD…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the approved PRD?' });
    const warning = await dialog.textContent();
    expect(warning).toContain('restarts planning at DRAFTING_BEADS');
    expect(warning).toContain('archived');
    await dialog.getByRole('button', { name: 'Edit the PRD' }).click();
    await prd().getByRole('heading', { name: 'Editing the approved PRD' }).waitFor();
    const yaml = prd().getByLabel('PRD YAML');
    const approved = await yaml.inputValue();
    expect(approved).toContain('Users cannot log in'); // the PRD as the gap fix revised it
    await yaml.fill(approved.replace('Users cannot log in', 'Users still cannot log in'));
    await prd().getByRole('button', { name: 'Save PRD and restart bead planning' }).click();
    await prd().getByTestId('prd-restart-note').waitFor();
    await page.getByTestId('status').getByText('Council Drafting Blueprint').waitFor({ timeout: 10_000 });
    const ticket = await world.rest('GET', `/tickets/${ref}`);
    expect(['DRAFTING_BEADS', 'COUNCIL_VOTING_BEADS']).toContain(ticket.status);
    expect((await world.rest('GET', `/files/${ref}/prd`)).content).toContain('Users still cannot log in');
    await page.screenshot({ path: join(shots, 'prd-edit-restart.png'), fullPage: true });
    await world.waitUntil(
      'WAITING_BEADS_APPROVAL again',
      async () => ((await world.rest('GET', `/tickets/${ref}`)) as Json).status === 'WAITING_BEADS_APPROVAL',
      60_000,
    );
    await page.getByText('Bead plan for approval').waitFor();
  });
});
