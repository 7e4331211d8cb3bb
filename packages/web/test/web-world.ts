import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig, type RunningServer, startServer } from '@looptroop/api';
import { startWebWorld, type WebWorld, type WebWorldOptions } from '@looptroop/testkit/browser';

// The web e2e tests' binding of the testkit browser fixture: LoopTroop itself, in process on a free port.

export const shots = fileURLToPath(new URL('../../../test-artifacts/screenshots', import.meta.url));
const webDist = fileURLToPath(new URL('../dist', import.meta.url));

export type World = WebWorld<RunningServer>;
export type { Json } from '@looptroop/testkit/browser';

export async function startWorld(
  name: string,
  options: Pick<WebWorldOptions<RunningServer>, 'env' | 'viewport'> = {},
): Promise<World> {
  await mkdir(shots, { recursive: true });
  return startWebWorld({ name, webDist, serve: (env) => startServer(loadConfig(env, { port: 0 })), ...options });
}
