// @vitest-environment node
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningWorld, reachPrdApproval, shots, startPlanningWorld } from './planning-world.ts';

// The planning gates in the browser: the interview goes through REST (Skip All), then the PRD and the bead plan are
// reviewed, edited and approved in the UI with the real OpenCode binary answering from the scripted model.
const BEADS = ['auth.session-store', 'auth.password-login', 'auth.sso-login', 'auth.idle-expiry'];
const GAP = 'Idle sessions are not covered.';

describe('PRD and bead plan approval in headless Chromium', { timeout: 180_000 }, () => {
  let world: PlanningWorld;
  let page: PlanningWorld['page'];
  let ref = '';
  let skipped: string[] = [];
  const rest = (method: string, path: string, body?: unknown) => world.rest(method, path, body);
  const ticket = () => rest('GET', `/tickets/${ref}`);

  beforeAll(async () => {
    world = await startPlanningWorld('planning');
    page = world.page;
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('skips through the interview over REST and reaches WAITING_PRD_APPROVAL', async () => {
    // the scripted audit never comes back clean: the loop stops on its cap of 2 passes
    ({ ref, skipped } = await reachPrdApproval(world, { prdCoverage: 'capped', maxPrdCoveragePasses: 2 }));
  });

  it('reviews the PRD: structured view, capped coverage gaps, Full Answers and the council record', async () => {
    await page.goto(`${world.server.url}/ticket/${ref}`);
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
    expect(await prd.locator('.approve-bar > button').isDisabled()).toBe(true);
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

  it('approves the PRD with its open gap and a reason, and waits for the bead plan', async () => {
    await page.getByRole('button', { name: 'Approve with 1 open gap' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve the PRD with 1 open gap?' });
    await dialog.getByLabel('Reason (optional)').fill('Idle expiry is planned for the next ticket');
    await dialog.getByRole('button', { name: 'Approve with 1 open gap' }).click();
    const beads = page.getByTestId('beads-approval');
    await beads.waitFor({ timeout: 120_000 });
    expect((await ticket()).status).toBe('WAITING_BEADS_APPROVAL');
    // workflow.md §8.5: the reason and the gaps it accepts are kept on the approval receipt
    const listed: unknown = (await world.call('GET', `/tickets/${ref}/artifacts?artifactType=approval_receipt`)).json;
    const receipts: unknown[] = Array.isArray(listed)
      ? listed.map((r: { content: string }) => JSON.parse(r.content))
      : [];
    const prdReceipt = receipts.find(
      (r) => typeof r === 'object' && r !== null && 'artifactType' in r && r.artifactType === 'prd',
    );
    expect(prdReceipt).toMatchObject({ reason: 'Idle expiry is planned for the next ticket', openGaps: [GAP] });
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
    // Save is disabled while it writes and once nothing is left to save: wait for the server's plan itself.
    await world.waitUntil(
      'the saved plan',
      async () =>
        ((await rest('GET', `/tickets/${ref}/beads`)).beads as { id: string }[])[1]?.id === 'auth.idle-expiry',
      20_000,
    );
    await beads.getByRole('button', { name: 'Save plan', disabled: true }).waitFor();
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
    await world.waitUntil(
      'PRE_FLIGHT_CHECK in visitedStatuses',
      async () => ((await ticket()).visitedStatuses as string[]).includes('PRE_FLIGHT_CHECK'),
      30_000,
    );
    // The ticket enters the execution band (pre-flight runs for real now), and the plan stays visible read-only.
    await page.getByText('Bead plan (approved, read-only)').waitFor();
    // the live log stays live through the band's events (an `error` event, if pre-flight blocks, is not a lost connection)
    expect(await page.getByTestId('stream-status').textContent()).toBe('live');
    await page.screenshot({ path: join(shots, 'beads-approved.png'), fullPage: true });
    // The band's phases would go on writing into the worktree while the fixture removes it: stop them first.
    await rest('POST', `/tickets/${ref}/cancel`, {});
  });
});
