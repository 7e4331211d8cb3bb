import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@looptroop/core';
import { DEV_EVENT_TOKEN_HEADER } from '../src/dev-event-gate.ts';
import { type RunningServer, startServer } from '../src/server.ts';

export { DEV_EVENT_TOKEN_HEADER } from '../src/dev-event-gate.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** POST /api/tickets/:id/dev-event with this process's token (the server needs LOOPTROOP_DEV_EVENTS=1). */
  devEvent(ref: string, body: unknown): Promise<Reply>;
  restart(): Promise<TestServer>;
  dispose(): Promise<void>;
}

export interface Reply {
  status: number;
  body: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields; assertions check them
  json: any;
  headers: Headers;
}

/** A real server on a random port with its own data dir and libSQL file. */
export async function startTestServer(
  options: {
    dataDir?: string;
    env?: Record<string, string> /** restart() keeps the first start's temp root */;
    tempRoot?: string;
  } = {},
): Promise<TestServer> {
  // A data dir that does not exist yet, as on a first start: the server creates it (0700, issue 17). Only a temp
  // root made here is removed by dispose(); a caller's own data dir is theirs.
  const tempRoot = options.tempRoot ?? (options.dataDir ? null : await mkdtemp(join(tmpdir(), 'lt-api-')));
  const dataDir = options.dataDir ?? join(tempRoot ?? '', 'data');
  const config = loadConfig({ LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', ...options.env }, { port: 0 });
  const server = await startServer(config);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    // Every body-carrying route requires a JSON content type, empty bodies included (issue 17), as curl -H sends it.
    const sendsJson = body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method);
    const init: RequestInit = {
      method,
      headers: { ...(sendsJson && { 'content-type': 'application/json' }), ...headers },
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // non-JSON body (HTML docs page); keep the text
    }
    return { status: res.status, body: parsed, json: parsed, headers: res.headers };
  };
  return {
    ...server,
    dataDir,
    call,
    devEvent: (ref, body) =>
      call('POST', `/api/tickets/${ref}/dev-event`, body, { [DEV_EVENT_TOKEN_HEADER]: server.devEventToken ?? '' }),
    async restart() {
      await server.close();
      return startTestServer({ ...options, dataDir, ...(tempRoot && { tempRoot }) });
    },
    async dispose() {
      await server.close();
      await rm(tempRoot ?? dataDir, { recursive: true, force: true });
    },
  };
}

/** A real git repo with one commit and, optionally, a remote named origin (URL only, not contacted). */
export async function makeRepo(options: { origin?: string } = {}): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const { writeFile } = await import('node:fs/promises');
  const dir = await mkdtemp(join(tmpdir(), 'lt-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  await writeFile(join(dir, 'README.md'), '# sample\n');
  git('add', '.');
  git('commit', '-qm', 'initial');
  if (options.origin) git('remote', 'add', 'origin', options.origin);
  return dir;
}

export const SAMPLE_PROFILE = {
  mainImplementer: 'openai/gpt-5.4',
  mainImplementerVariant: 'high',
  councilMembers: '["openai/gpt-5.4","anthropic/claude-sonnet-4"]',
  minCouncilQuorum: 2,
  perIterationTimeout: 1800,
  executionSetupTimeout: 900,
  councilResponseTimeout: 240,
  interviewQuestions: 12,
  coverageFollowUpBudgetPercent: 35,
  maxCoveragePasses: 3,
  maxPrdCoveragePasses: 5,
  maxBeadsCoveragePasses: 5,
  maxIterations: 5,
  toolInputMaxChars: 4000,
  toolOutputMaxChars: 12000,
  toolErrorMaxChars: 6000,
};
