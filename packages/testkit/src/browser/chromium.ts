import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** The system Chromium the browser tests drive (the project brief: headless Chromium via playwright-core). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Quiet, sandbox-free headless flags: no GPU, no QUIC, no first-run UI, nothing fetched in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeadlessChromium {
  context: BrowserContext;
  /** The first tab, at the requested viewport. */
  page: Page;
  /** The fresh profile this launch owns (`--user-data-dir`); removed by `close`. */
  userDataDir: string;
  close(): Promise<void>;
}

export interface LaunchChromiumOptions {
  viewport?: { width: number; height: number };
}

/** Headless Chromium on a fresh, throw-away profile, so no test sees another's cookies, storage or cache. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'lt-chromium-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true });
  // Playwright passes `--user-data-dir` itself; a persistent context is how the profile directory is chosen.
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 800 },
    })
    .catch(async (error: unknown) => {
      await removeProfile();
      throw error;
    });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    userDataDir,
    async close() {
      await context.close();
      await removeProfile();
    },
  };
}
