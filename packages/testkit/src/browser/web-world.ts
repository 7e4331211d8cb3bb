import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createTempRepo, type TempRepo } from '../git-fixture.ts';
import { type LaunchChromiumOptions, launchChromium } from './chromium.ts';

/** What the world needs of a started LoopTroop server; the caller starts it (testkit imports no product package). */
export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

export type Json = Record<string, unknown>;

export interface WebWorldOptions<S extends ServedApp> {
  /** Names the temp data dir (`lt-web-<name>-`), to tell leftovers apart. */
  name: string;
  /** The built web app (`packages/web/dist`), served by the server under test. */
  webDist: string;
  /** Start LoopTroop with this environment (LOOPTROOP_HOME, NODE_ENV=test, LOOPTROOP_WEB_DIST, plus `env`). */
  serve: (env: Record<string, string>) => Promise<S>;
  /** Extra environment, e.g. `LOOPTROOP_OPENCODE_URL` of a scripted OpenCode. */
  env?: Record<string, string>;
  viewport?: LaunchChromiumOptions['viewport'];
}

export interface WebWorld<S extends ServedApp> {
  server: S;
  dataDir: string;
  /** A real git repository with a bare `origin`, to attach as a project. */
  repo: TempRepo;
  context: BrowserContext;
  page: Page;
  /** Any REST call below `/api`, with its status. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Json }>;
  /** A REST call below `/api` that must succeed (throws with the answer otherwise). */
  rest(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Json>;
  waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Close the browser and the server, remove the repo, the profile and the data dir. */
  close(): Promise<void>;
}

/** The one browser + server fixture of the web e2e tests: LoopTroop serving the built app, a repo, headless Chromium. */
export async function startWebWorld<S extends ServedApp>(options: WebWorldOptions<S>): Promise<WebWorld<S>> {
  if (!existsSync(join(options.webDist, 'index.html'))) {
    throw new Error(`${options.webDist} is missing: run \`pnpm --filter @looptroop/web build\` first`);
  }
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const dataDir = await mkdtemp(join(tmpdir(), `lt-web-${options.name}-`));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_WEB_DIST: options.webDist, ...options.env };
    const server = await options.serve(env);
    cleanups.push(() => server.close());
    const repo = await createTempRepo();
    cleanups.push(() => repo.cleanup());
    const browser = await launchChromium(options.viewport ? { viewport: options.viewport } : {});
    cleanups.push(() => browser.close());

    const call: WebWorld<S>['call'] = async (method, path, body, headers = {}) => {
      const res = await fetch(`${server.url}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Json }; // every /api answer is a JSON object
    };
    return {
      server,
      dataDir,
      repo,
      context: browser.context,
      page: browser.page,
      call,
      async rest(method, path, body, headers) {
        const { status, json } = await call(method, path, body, headers);
        if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
        return json;
      },
      async waitUntil(what, check, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
