import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';

export interface TestServer {
  readonly url: string;
  readonly server: RunningServer;
  /** Stop the server and start it again on the same port and data dir (a dropped connection, as clients see it). */
  restart(options?: { beforeStart?: () => Promise<unknown> }): Promise<void>;
  close(): Promise<void>;
}

const start = (dataDir: string, port: number, env: Record<string, string>) =>
  startServer(
    // Heartbeats every 300 ms keep streams busy the way a long-lived connection is.
    loadConfig({ LOOPTROOP_HOME: dataDir, NODE_ENV: 'test', LOOPTROOP_HEARTBEAT_MS: '300', ...env }, { port }),
  );

/** A real server in this process, on a free port, with its own temp data dir; `env` adds settings (OpenCode's URL). */
export async function startTestServer(options: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const env = options.env ?? {};
  const dataDir = await mkdtemp(join(tmpdir(), 'lt-cli-server-'));
  const state = { server: await start(dataDir, 0, env), isClosed: false };
  return {
    get url() {
      return state.server.url;
    },
    get server() {
      return state.server;
    },
    async restart(options = {}) {
      const { port } = state.server;
      await state.server.close();
      await options.beforeStart?.();
      state.server = await start(dataDir, port, env);
    },
    async close() {
      if (state.isClosed) return;
      state.isClosed = true;
      await state.server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
