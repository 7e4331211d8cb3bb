import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type SimpleGit, simpleGit } from 'simple-git';

export interface TempDir {
  dir: string;
  cleanup(): Promise<void>;
}

export interface TempRepo {
  dir: string;
  /** The local bare repository behind `origin`; null without origin or when `originUrl` was given. */
  originDir: string | null;
  /** Run git synchronously in the repo and get its stdout: `repo.git('branch', '--list')`. */
  git(...args: string[]): string;
  /** The same repo through simple-git, for async use. */
  simpleGit: SimpleGit;
  cleanup(): Promise<void>;
}

export interface CreateTempRepoOptions {
  /** Relative path → content of the initial commit. Default: a README and `src/index.js`. */
  files?: Record<string, string>;
  /** Add a local bare repo as `origin` and push `main` to it (default true). */
  withOrigin?: boolean;
  /** Use this URL as `origin` instead of a local bare repo (nothing is pushed). */
  originUrl?: string;
}

const DEFAULT_FILES = { 'README.md': '# sample\n', 'src/index.js': 'export const hello = () => "hello";\n' };

/** The environment without GIT_* variables (GIT_DIR from a hook would redirect every command); simple-git drops them too. */
function gitEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).flatMap(([k, v]) => (v === undefined || k.startsWith('GIT_') ? [] : [[k, v]])),
  );
}

export async function createTempDir(prefix = 'lt-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A real git repository with one commit on `main` and, by default, a local bare repo as `origin` with `main` pushed. */
export async function createTempRepo(options: CreateTempRepoOptions = {}): Promise<TempRepo> {
  const repo = await createTempDir('lt-repo-');
  const dir = repo.dir;
  const git = simpleGit({ baseDir: dir });
  await git.init(['--initial-branch=main']);
  await git.addConfig('user.name', 'LoopTroop Test');
  await git.addConfig('user.email', 'looptroop@example.com');
  await git.addConfig('commit.gpgsign', 'false');
  for (const [path, content] of Object.entries(options.files ?? DEFAULT_FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await git.add('.');
  await git.commit('initial commit');

  const wantsOrigin = options.withOrigin ?? true;
  const origin = wantsOrigin && !options.originUrl ? await createTempDir('lt-origin-') : null;
  if (origin) {
    await simpleGit({ baseDir: origin.dir }).init(true, ['--initial-branch=main']);
    await git.addRemote('origin', origin.dir);
    await git.push(['-u', 'origin', 'main']);
  }
  if (wantsOrigin && options.originUrl) await git.addRemote('origin', options.originUrl);
  const env = gitEnv();

  return {
    dir,
    originDir: origin?.dir ?? null,
    git: (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' }).toString(),
    simpleGit: git,
    async cleanup() {
      await repo.cleanup();
      await origin?.cleanup();
    },
  };
}

/**
 * Commit `files` on a new branch `branch` forked from the current HEAD, then check the previous branch out again:
 * a ticket branch with one change, as delivery tests need. Returns the new commit.
 */
export async function commitOnBranch(
  repo: Pick<TempRepo, 'dir' | 'git'>,
  branch: string,
  files: Record<string, string>,
  message = `${branch}: change`,
): Promise<string> {
  const previous = repo.git('rev-parse', '--abbrev-ref', 'HEAD').trim();
  repo.git('checkout', '-q', '-b', branch);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(repo.dir, path)), { recursive: true });
    await writeFile(join(repo.dir, path), content);
  }
  repo.git('add', '--', ...Object.keys(files));
  repo.git('commit', '-q', '-m', message);
  const sha = repo.git('rev-parse', 'HEAD').trim();
  repo.git('checkout', '-q', previous);
  return sha;
}
