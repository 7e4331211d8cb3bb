import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@looptroop/core';
import { freePort } from '@looptroop/testkit';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';
import { makeRepo, SAMPLE_PROFILE } from './harness.ts';

describe('managed OpenCode', { timeout: 90_000 }, () => {
  it('starts and supervises its own opencode serve when nothing answers, and stops it on close', async () => {
    const home = await mkdtemp(join(tmpdir(), 'lt-managed-'));
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      OPENCODE_DISABLE_MODELS_FETCH: '1',
      OPENCODE_DISABLE_AUTOUPDATE: '1',
      OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    };
    const config = loadConfig(
      { LOOPTROOP_HOME: join(home, 'lt'), NODE_ENV: 'test', LOOPTROOP_OPENCODE_URL: `http://127.0.0.1:${port}` },
      { port: 0, manageOpencode: true },
    );
    const server = await startServer(config, env);
    try {
      expect(server.core.opencode?.mode).toBe('managed');
      const health = await (await fetch(`${server.url}/api/health/opencode`)).json();
      expect(health).toMatchObject({ status: 'ok', reachable: true, url: `http://127.0.0.1:${port}` });
    } finally {
      await server.close();
      await rm(home, { recursive: true, force: true });
    }
    const after = await fetch(`http://127.0.0.1:${port}/global/health`).then(
      () => 'up',
      () => 'down',
    );
    expect(after).toBe('down');
  });

  it('keeps running and says how to fix it when OpenCode is neither reachable nor allowed to start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lt-unmanaged-'));
    const config = loadConfig(
      { LOOPTROOP_HOME: dir, NODE_ENV: 'test', LOOPTROOP_OPENCODE_URL: `http://127.0.0.2:${await freePort()}` },
      { port: 0, manageOpencode: true },
    );
    const server = await startServer(config, {});
    try {
      expect(server.core.opencode).toMatchObject({ mode: 'unavailable' });
      expect(server.core.opencode?.message).toMatch(/opencode serve/);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts anyway when the managed OpenCode does not come up, says why on /api/health/opencode, and refuses Start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lt-failed-managed-'));
    const repo = await makeRepo();
    // Something that is not OpenCode holds the port: the health probe fails, and so does `opencode serve` there.
    const squatter = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo; // a TCP listener reports an AddressInfo
    const config = loadConfig(
      { LOOPTROOP_HOME: join(dir, 'lt'), NODE_ENV: 'test', LOOPTROOP_OPENCODE_URL: `http://127.0.0.1:${port}` },
      { port: 0, manageOpencode: true },
    );
    const server = await startServer(config, { PATH: process.env.PATH, HOME: dir });
    try {
      expect(server.core.opencode).toMatchObject({ mode: 'unavailable' });
      expect(server.core.opencode?.message).toMatch(/did not come up/);
      const health = (await (await fetch(`${server.url}/api/health/opencode`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'unavailable', reachable: false });
      expect(health.advice).toMatch(/did not come up/);
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${server.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      expect((await post('/profile', SAMPLE_PROFILE)).status).toBe(201);
      const project = await post('/projects', { name: 'Down', shortname: 'DWN', folderPath: repo });
      const ticket = await post('/tickets', { projectId: project.json.id, title: 'Waits for OpenCode' });
      const started = await post(`/tickets/${ticket.json.id}/start`, {});
      expect(started.status).toBe(503);
      expect(started.json.error).toMatch(/did not come up/);
    } finally {
      await server.close();
      squatter.close();
      await rm(dir, { recursive: true, force: true });
      await rm(repo, { recursive: true, force: true });
    }
  });
});
