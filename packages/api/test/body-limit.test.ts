import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const mainTs = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// Issue 17: bodies over the 5 MB cap made Node's fetch fail with EPIPE instead of reading the 413. Only seen with the
// server in its own process (as `looptroop start` runs it): in-process, the shared event loop hides the race. No
// OpenCode is started (LOOPTROOP_MANAGE_OPENCODE is unset).
describe('over-limit bodies, server in its own process', { timeout: 60_000 }, () => {
  let child: ChildProcess;
  let dataDir: string;
  let url = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lt-body-limit-'));
    child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, LOOPTROOP_HOME: dataDir, LOOPTROOP_PORT: '0' },
      stdio: 'pipe',
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  }, 30_000);
  afterAll(async () => {
    child?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it("lets Node's fetch read the 413 every time (REST and /trpc, 6 MB and 20 MB)", async () => {
    const results: (number | string)[] = [];
    for (const megabytes of [6, 20]) {
      const body = JSON.stringify({ projectId: 1, title: 'big', description: 'y'.repeat(megabytes * 1024 * 1024) });
      for (const path of ['/api/tickets', '/trpc/tickets.create']) {
        for (let i = 0; i < 5; i++) {
          const status = await fetch(`${url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }).then(
            (res) => res.status,
            (error: unknown) => `${path}: ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`,
          );
          results.push(status);
        }
      }
    }
    expect(results).toEqual(Array(20).fill(413));
  });
});
