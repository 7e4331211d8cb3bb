// @vitest-environment node
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shots, startWorld, type World } from './web-world.ts';

// Issue 17: in token mode the bundled web app signs in once (token → HttpOnly session cookie) and then works as on
// loopback, the live stream included (EventSource cannot send the token, the cookie goes by itself).
const TOKEN = 'web-sign-in-token-0123456789abcdef';

describe('token mode sign-in in headless Chromium', { timeout: 120_000 }, () => {
  let world: World;
  let page: Page;
  const rest = (method: string, path: string, body?: unknown) =>
    world.rest(method, path, body, { authorization: `Bearer ${TOKEN}` });

  beforeAll(async () => {
    world = await startWorld('sign-in', {
      env: { LOOPTROOP_API_TOKEN: TOKEN, LOOPTROOP_OPENCODE_URL: 'http://127.0.0.1:9' },
    });
    page = world.page;
    const project = await rest('POST', '/projects', { name: 'Signed', shortname: 'SIGN', folderPath: world.repo.dir });
    await rest('POST', '/tickets', { projectId: project.id, title: 'Visible after sign-in' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const card = (column: string, ref: string) => page.locator(`[data-column=${column}] [data-ticket="${ref}"]`);

  it('asks for the token, refuses a wrong one, and shows the board after the right one', async () => {
    await page.goto(world.server.url);
    await page.getByRole('heading', { name: 'Sign in to LoopTroop' }).waitFor();
    expect(await page.getByRole('button', { name: 'New ticket' }).count()).toBe(0);
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong token').waitFor();
    await page.getByLabel('API token').fill(TOKEN);
    await page.screenshot({ path: join(shots, 'sign-in.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await card('todo', 'SIGN-1').waitFor();
    const cookies = await world.context.cookies();
    expect(cookies.find((c) => c.name === 'looptroop_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(JSON.stringify(cookies)).not.toContain(TOKEN);
  });

  it('follows the live stream with the session cookie', async () => {
    // With list refetches failing, only the stream's state_change can move the card.
    await page.route('**/trpc/tickets.list**', (route) => route.abort());
    try {
      await rest('POST', '/tickets/SIGN-1/cancel', {});
      await card('done', 'SIGN-1').waitFor({ timeout: 10_000 });
    } finally {
      await page.unroute('**/trpc/tickets.list**');
    }
  });

  it('comes back to the sign-in step when the session is gone', async () => {
    await page.evaluate(() => fetch('/api/auth/session', { method: 'DELETE' }));
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to LoopTroop' }).waitFor();
  });
});
