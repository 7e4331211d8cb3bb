import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../cli/test/cli-process.ts';

// The published package as a user gets it: `pnpm pack`, then plain npm installs the tarball in a folder with no
// workspace around it. Nothing of the monorepo (tsx, workspace links, testkit) is there to lean on.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

/** The environment without what pnpm passes to its children (npm would read `npm_config_*` as its own settings). */
function plainEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
}

/** pnpm as it runs this test (`pnpm check` sets npm_execpath), else the one on PATH. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  // pnpm 12 installed from npm is a native executable, older ones a JavaScript file run by node.
  const isScript = execPath !== undefined && /\.[cm]?js$/.test(execPath);
  const [command, ...prefix] = execPath?.includes('pnpm')
    ? isScript
      ? [process.execPath, execPath]
      : [execPath]
    : ['pnpm'];
  return execFileSync(command ?? 'pnpm', [...prefix, ...args], { cwd, encoding: 'utf8', env: plainEnv() });
}

describe('the packed looptroop package, installed with npm', () => {
  let dir: string;
  let bin: string;
  let tarball: string;

  beforeAll(async () => {
    // Built here so the tarball is the current source, not a stale dist/ (the web app must be built: `pnpm build`).
    pnpm(['run', 'build'], packageDir);
    dir = await mkdtemp(join(tmpdir(), 'lt-pack-'));
    pnpm(['pack', '--pack-destination', dir], packageDir);
    const [name] = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
    tarball = join(dir, name ?? 'missing.tgz');
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    await writeFile(join(app, 'package.json'), '{ "name": "pack-test", "private": true }\n');
    // opencode-ai is optional (a large platform binary); --no-opencode below does not need it.
    execFileSync(
      'npm',
      ['install', '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', tarball],
      { cwd: app, env: plainEnv(), stdio: 'pipe' },
    );
    bin = join(app, 'node_modules', 'looptroop', 'bin', 'looptroop.js');
  }, 300_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ships built JavaScript and the web app, without testkit, tsx or the scripted model', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/dist/cli/src/main.js');
    expect(files).toContain('package/dist/web/dist/index.html');
    expect(files).toContain('package/dist/core/src/prd/draft.md');
    expect(files.filter((file) => /testkit|scripted-model|\.ts$/.test(file))).toEqual([]);
    expect(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })).not.toContain('tsx');
    expect(readdirSync(join(dir, 'app', 'node_modules'))).not.toContain('@looptroop');
  });

  it('prints its version', async () => {
    const result = await runCli(['--version'], 30_000, {}, bin);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it('starts, answers /api/health, serves the web app, and stops on SIGTERM', async () => {
    const dataDir = join(dir, 'data');
    const started = spawnCli(['start', '--port', '0', '--data-dir', dataDir, '--no-opencode'], {}, bin);
    try {
      const [, url] = await started.waitFor('stdout', /running at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const page = await fetch(`${url}/`);
      const html = await page.text();
      expect(html).toContain('<title>LoopTroop</title>');
      const [, script] = /<script type="module" crossorigin src="([^"]+)"/.exec(html) ?? [];
      const asset = await fetch(`${url}${script}`);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('sends `demo` to a checkout instead of failing on a missing module', async () => {
    const result = await runCli(['demo', '--auto'], 30_000, {}, bin);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('runs from a checkout');
  });
});
