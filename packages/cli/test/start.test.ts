import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from './cli-process.ts';

describe('looptroop start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lt-cli-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the server in the foreground, prints the URL --port 0 picked, and exits 0 on SIGTERM', async () => {
    const started = spawnCli(['start', '--port', '0', '--data-dir', dataDir, '--no-opencode']);
    try {
      const [, url] = await started.waitFor('stdout', /running at (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
      expect(url).not.toMatch(/:0$/);
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(started.stdout()).toContain(`(data: ${dataDir})`);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('exits 1 with a clear message when the port is busy, closing what it opened, and a running one is unharmed', async () => {
    const first = spawnCli(['start', '--port', '0', '--data-dir', dataDir, '--no-opencode']);
    try {
      const [, url = '', port = ''] = await first.waitFor('stdout', /running at (http:\/\/127\.0\.0\.1:(\d+))/, 60_000);
      const otherDir = await mkdtemp(join(tmpdir(), 'lt-cli-busy-'));
      const second = spawnCli(['start', '--port', port, '--data-dir', otherDir, '--no-opencode']);
      const code = await Promise.race([
        second.exited,
        new Promise((r) => setTimeout(() => r('still running'), 20_000)),
      ]);
      if (code === 'still running') second.child.kill('SIGKILL');
      await rm(otherDir, { recursive: true, force: true });
      expect(code).toBe(1);
      expect(second.stderr()).toMatch(new RegExp(`port ${port}.*already in use`, 'i'));
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
  });

  it('exits 2 for a port outside 0–65535', async () => {
    const started = spawnCli(['start', '--port', '70000', '--data-dir', dataDir]);
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toContain('--port must be between 0 and 65535');
  });
});
