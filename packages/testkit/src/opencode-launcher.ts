import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOpencodeBinary, startOpencodeServer } from '@looptroop/core';

export const SCRIPTED_PROVIDER = 'scripted';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningOpencode {
  url: string;
  port: number;
  providerId: string;
  /** `scripted/<model>` ids to put in a profile. */
  modelIds: string[];
  env: Record<string, string>;
  output: string[];
  close(): Promise<void>;
}

/**
 * Start the real `opencode serve` against the scripted model. The provider lives in the global config
 * (OPENCODE_CONFIG): a project opencode.json is invisible to sessions opened in other folders such as worktrees.
 * Each run gets its own data/config dirs; the package cache is shared so the provider SDK installs once.
 */
export async function startOpencode(options: {
  modelUrl: string;
  models: string[];
  cwd?: string;
}): Promise<RunningOpencode> {
  const home = await mkdtemp(join(tmpdir(), 'lt-opencode-'));
  const cache = join(tmpdir(), 'looptroop-opencode-cache');
  await mkdir(cache, { recursive: true });
  const configFile = join(home, 'opencode.json');
  await writeFile(
    configFile,
    JSON.stringify(
      {
        $schema: 'https://opencode.ai/config.json',
        autoupdate: false,
        share: 'disabled',
        permission: { edit: 'allow', bash: 'allow', webfetch: 'allow' },
        provider: {
          [SCRIPTED_PROVIDER]: {
            npm: '@ai-sdk/openai-compatible',
            name: 'Scripted test model',
            options: { baseURL: options.modelUrl, apiKey: 'scripted' },
            models: Object.fromEntries(options.models.map((m) => [m, { name: m, tool_call: true }])),
          },
        },
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: cache,
    OPENCODE_CONFIG: configFile,
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_PERMISSION: '"allow"',
  };
  const output: string[] = [];
  const binary = findOpencodeBinary();
  if (!binary) throw new Error('the opencode-ai package is not installed (its postinstall must have run)');
  const server = await startOpencodeServer({
    binary,
    hostname: '127.0.0.1',
    port,
    cwd: options.cwd ?? home,
    env,
    readyTimeoutMs: 60_000,
    onOutput: (line) => output.push(line),
  }).catch(async (error: unknown) => {
    await rm(home, { recursive: true, force: true });
    throw new Error(
      `opencode serve did not start: ${error instanceof Error ? error.message : error}\n${output.join('\n')}`,
    );
  });
  const url = server.url;
  const close = async () => {
    await server.stop();
    await rm(home, { recursive: true, force: true });
  };
  return {
    url,
    port,
    providerId: SCRIPTED_PROVIDER,
    modelIds: options.models.map((m) => `${SCRIPTED_PROVIDER}/${m}`),
    env,
    output,
    close,
  };
}
