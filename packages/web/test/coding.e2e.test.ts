// @vitest-environment node
import { join } from 'node:path';
import type { RunningServer } from '@looptroop/api';
import { beadRecord, type CodingTicket, seedCodingTicket } from '@looptroop/testkit/fakes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startWorld, type World } from './web-world.ts';

// workflow.md §10.6 "Progress UI" in a real browser against the real server: a ticket seeded as CODING leaves it
// (CONTRACTS.md 1, 3, 5) shows its live bead list, completed/total and the ETA, a bead's diff and the net diff, and
// follows a bead finishing through the stream without a reload.

describe('coding progress in headless Chromium', { timeout: 90_000 }, () => {
  let world: World;
  let server: RunningServer;
  let page: Page;
  let ticket: CodingTicket;
  let start = '';
  const startedAt = new Date(Date.now() - 2 * 60_000).toISOString();

  beforeAll(async () => {
    world = await startWorld('coding');
    ({ server, page } = world);
    const project = await world.rest('POST', '/projects', {
      name: 'Calc',
      shortname: 'CALC',
      folderPath: world.repo.dir,
    });
    ticket = await seedCodingTicket(server.core, world.repo.dir, Number(project.id));
    start = ticket.git('rev-parse', 'HEAD');
    const done = ticket.commit({ 'src/sub.js': 'export const sub = (a, b) => a - b;\n' }, 'bead sub');
    await ticket.writeBeads([
      beadRecord('sub', 1, { title: 'Subtract', status: 'done', beadStartCommit: start }),
      beadRecord('mul', 2, {
        title: 'Multiply',
        status: 'in_progress',
        iteration: 2,
        startedAt,
        updatedAt: startedAt,
        beadStartCommit: done,
        failedIterationNotes: [{ timestamp: startedAt, iteration: 1, content: 'mul(2, 3) returned 5, not 6' }],
      }),
    ]);
    await ticket.captureDiff('sub', start, done);
    await ticket.recordMetric('sub', 6 * 60_000, startedAt);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('shows the bead list live, completed/total and the ETA, a bead’s notes and diff, and the net diff', async () => {
    await page.goto(`${server.url}/ticket/${ticket.ref}`);
    const panel = page.getByRole('region', { name: 'Coding' });
    const mul = panel.locator('[data-bead="mul"]');
    await mul.waitFor();
    expect(await mul.getAttribute('data-bead-status')).toBe('in_progress');
    expect(await mul.getByTestId('bead-iteration').textContent()).toBe('iteration 2 of 5');
    await expect.poll(() => mul.getByTestId('bead-countdown').textContent()).toMatch(/left|over the estimate/);
    const header = page.locator('.ticket-head').getByTestId('bead-eta');
    await expect.poll(() => header.textContent()).toMatch(/^1\/2 beads · ETA ~\d+m/);

    await mul.getByRole('button').first().click();
    expect(await mul.getByTestId('failed-notes').textContent()).toContain('returned 5, not 6');
    const sub = panel.locator('[data-bead="sub"]');
    await sub.getByRole('button').first().click();
    await expect.poll(() => sub.getByTestId('diff-totals').textContent()).toBe('1 file changed, +1 −0');
    await sub.locator('[data-file="src/sub.js"] summary').click();
    expect(await sub.locator('.diff-add').first().textContent()).toBe('+export const sub = (a, b) => a - b;');
    await page.screenshot({ path: join(shots, 'coding-bead-list.png'), fullPage: true });

    await panel.getByRole('tab', { name: 'Net diff' }).click();
    await expect
      .poll(() => panel.getByTestId('ticket-diff').getByTestId('diff-totals').textContent())
      .toBe('1 file changed, +1 −0');
    await panel.getByRole('tab', { name: 'Beads' }).click();
  });

  it('follows a bead finishing through the stream, without a reload', async () => {
    const head = ticket.commit({ 'src/mul.js': 'export const mul = (a, b) => a * b;\n' }, 'bead mul');
    await ticket.writeBeads([
      beadRecord('sub', 1, { title: 'Subtract', status: 'done' }),
      beadRecord('mul', 2, { title: 'Multiply', status: 'done', iteration: 2 }),
    ]);
    await ticket.captureDiff('mul', `${head}~1`, head);
    await server.core.services.events.publish('bead_complete', {
      ticketId: ticket.ref,
      beadId: 'mul',
      title: 'Multiply',
      completed: 2,
      total: 2,
    });
    const mul = page.getByRole('region', { name: 'Coding' }).locator('[data-bead="mul"]');
    await expect.poll(() => mul.getAttribute('data-bead-status'), { timeout: 10_000 }).toBe('done');
    await expect
      .poll(() => page.locator('.ticket-head').getByTestId('bead-eta').textContent(), { timeout: 10_000 })
      .toBe('2/2 beads');
    await page.screenshot({ path: join(shots, 'coding-all-done.png'), fullPage: true });
  });
});
