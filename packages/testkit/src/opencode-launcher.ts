import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SCRIPTED_PROVIDER = 'scripted';

/** The pinned OpenCode binary from the `opencode-ai` dependency. */
export function opencodeBinary(): string {
  const pkg = createRequire(import.meta.url).resolve('opencode-ai/package.json');
  return join(dirname(pkg), 'bin', 'opencode.exe');
}

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
  const child: ChildProcess = spawn(opencodeBinary(), ['serve', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: options.cwd ?? home,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    await rm(home, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/global/health`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`opencode serve did not start:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
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
