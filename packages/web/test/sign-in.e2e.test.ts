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

// Issue 17: in token mode the bundled web app signs in once (token → HttpOnly session cookie) and then works as on
// loopback, the live stream included (EventSource cannot send the token, the cookie goes by itself).
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const shots = fileURLToPath(new URL('../../../test-artifacts/screenshots', import.meta.url));
const TOKEN = 'web-sign-in-token-0123456789abcdef';

describe('token mode sign-in in headless Chromium', { timeout: 120_000 }, () => {
  let server: RunningServer;
  let repo: TempRepo;
  let dataDir: string;
  let browser: Browser;
  let page: Page;

  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    expect(res.ok, `${method} ${path} answered ${res.status}`).toBe(true);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html'))) {
      throw new Error('packages/web/dist is missing: run `pnpm --filter @looptroop/web build` first');
    }
    await mkdir(shots, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'lt-web-sign-in-'));
    const env = {
      LOOPTROOP_HOME: dataDir,
      LOOPTROOP_OPENCODE_URL: 'http://127.0.0.1:9',
      LOOPTROOP_API_TOKEN: TOKEN,
      LOOPTROOP_WEB_DIST: dist,
    };
    server = await startServer(loadConfig(env, { port: 0 }));
    repo = await createTempRepo();
    const project = await rest('POST', '/projects', { name: 'Signed', shortname: 'SIGN', folderPath: repo.dir });
    await rest('POST', '/tickets', { projectId: project.id, title: 'Visible after sign-in' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await repo?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const card = (column: string, ref: string) => page.locator(`[data-column=${column}] [data-ticket="${ref}"]`);

  it('asks for the token, refuses a wrong one, and shows the board after the right one', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in to LoopTroop' }).waitFor();
    expect(await page.getByRole('button', { name: 'New ticket' }).count()).toBe(0);
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong token').waitFor();
    await page.getByLabel('API token').fill(TOKEN);
    await page.screenshot({ path: join(shots, 'sign-in.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await card('todo', 'SIGN-1').waitFor();
    const cookies = await page.context().cookies();
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
