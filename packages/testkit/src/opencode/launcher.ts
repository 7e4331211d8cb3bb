import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOpencodeBinary } from './binary.ts';
import { buildOpencodeConfig, SCRIPTED_PROVIDER } from './config.ts';
import { freePort } from './free-port.ts';
import { spawnServer, waitForHealth } from './server-process.ts';

export interface StartOpencodeOptions {
  /** The scripted model's base URL (`ScriptedModel.url`). */
  modelUrl: string;
  /** Model ids of the scripted provider; sessions prompt them as `scripted/<id>`. */
  models: string[];
  /** Working directory of the server process; sessions pick their own with `?directory=`. */
  cwd?: string;
  /** Default: a free port. */
  port?: number;
  providerId?: string;
  /** OpenCode's per-step git snapshots (default off: faster, and tests don't revert). */
  snapshot?: boolean;
  /** Default 30 s. */
  startTimeoutMs?: number;
}

export interface RunningOpencode {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  version: string;
  providerId: string;
  /** `scripted/<model>` ids, ready for a profile. */
  modelIds: string[];
  /** The whole environment the server runs with. */
  env: Record<string, string>;
  /** Its XDG data dir: `opencode/opencode.db`, `opencode/log/*.log`. */
  dataDir: string;
  configFile: string;
  /** stdout and stderr lines. */
  output: string[];
  /** Stops the process group and removes the instance's temp dirs. */
  close(): Promise<void>;
}

/**
 * Dirs shared by every instance of one OpenCode version, so per-run downloads happen once: `cache` (XDG cache:
 * ripgrep lands in `opencode/bin` when it can be fetched) and `npm` (OpenCode installs `@opencode-ai/plugin`
 * into its config dir in the background at each start, ~20 MB through `~/.npm`).
 */
async function sharedDirs(version: string) {
  const root = join(tmpdir(), `looptroop-opencode-${version}`);
  const dirs = { cache: join(root, 'cache'), npm: join(root, 'npm') };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  return dirs;
}

/** Start the real `opencode serve` against the scripted model, isolated in its own temp HOME and XDG dirs. */
export async function startOpencode(options: StartOpencodeOptions): Promise<RunningOpencode> {
  const binary = findOpencodeBinary();
  const providerId = options.providerId ?? SCRIPTED_PROVIDER;
  const home = await mkdtemp(join(tmpdir(), 'lt-opencode-'));
  const shared = await sharedDirs(binary.version);
  await symlink(shared.npm, join(home, '.npm'));
  const configFile = join(home, 'opencode.json');
  const config = buildOpencodeConfig({ ...options, providerId });
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const dataDir = join(home, 'data');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: dataDir,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: shared.cache,
    OPENCODE_CONFIG: configFile,
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
  };
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(binary.path, port, options.cwd ?? home, env);
  const close = async () => {
    await server.stop();
    await rm(home, { recursive: true, force: true, maxRetries: 3 });
  };
  const version = await waitForHealth(url, server.isRunning, options.startTimeoutMs ?? 30_000).catch(
    async (error: unknown) => {
      await close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${reason}\n${server.output.join('\n')}`);
    },
  );
  return {
    url,
    port,
    version,
    providerId,
    modelIds: options.models.map((id) => `${providerId}/${id}`),
    env,
    dataDir,
    configFile,
    output: server.output,
    close,
  };
}
