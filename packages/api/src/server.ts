import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Config, type Core, createCore } from '@looptroop/core';
import { createApp } from './app.ts';
import { isLoopbackHost } from './security.ts';

export const VERSION = '0.1.0';
const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  url: string;
  port: number;
  core: Core;
  /** The token dev-event needs (architecture.md §9.2); set only when LOOPTROOP_DEV_EVENTS=1. */
  devEventToken?: string;
  close(): Promise<void>;
}

function log(message: string, cause?: unknown) {
  console.error(`[looptroop] ${message}`, cause ?? '');
}

function listenError(error: unknown, config: Config): Error {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') {
    return new Error(
      `Port ${config.port} on ${config.host} is already in use (another LoopTroop?). Stop it, or pick another port with --port.`,
      { cause: error },
    );
  }
  if (code === 'EACCES') return new Error(`Not allowed to listen on ${config.host}:${config.port}.`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

/** Build the core, mount the app, listen. Refuses a non-loopback host without an API token. */
export async function startServer(
  config: Config,
  env: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  if (!isLoopbackHost(config.host) && !config.apiToken) {
    throw new Error(
      `Refusing to bind ${config.host} without an API token: set LOOPTROOP_API_TOKEN, or bind 127.0.0.1 (the default).`,
    );
  }
  const core = await createCore(config, { env });
  if (core.opencode) log(core.opencode.message);
  const app = createApp(core, { version: VERSION, webDistDir: config.webDistDir ?? defaultWebDist, log });
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
    });
  } catch (error) {
    // Issue 17: a failed start closes what it opened (database, managed OpenCode) so the process can exit.
    await core.close();
    throw listenError(error, config);
  }
  const { port } = server.address() as AddressInfo; // a TCP listener always reports an AddressInfo
  await core.recover();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    core,
    ...(config.devEventToken && { devEventToken: config.devEventToken }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}
