import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  dir: string;
  originDir: string | null;
  git(...args: string[]): string;
  cleanup(): Promise<void>;
}

/** A real git repository with one commit on `main` and, by default, a local bare repo as `origin`. */
export async function createTempRepo(
  options: { files?: Record<string, string>; withOrigin?: boolean } = {},
): Promise<TempRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'lt-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' }).toString();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'looptroop@example.com');
  git('config', 'user.name', 'LoopTroop Test');
  const files = options.files ?? { 'README.md': '# sample\n', 'src/index.js': 'export const hello = () => "hello";\n' };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  git('add', '.');
  git('commit', '-qm', 'initial commit');
  let originDir: string | null = null;
  if (options.withOrigin ?? true) {
    originDir = await mkdtemp(join(tmpdir(), 'lt-origin-'));
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', originDir]);
    git('remote', 'add', 'origin', originDir);
    git('push', '-q', 'origin', 'main');
  }
  return {
    dir,
    originDir,
    git,
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
      if (originDir) await rm(originDir, { recursive: true, force: true });
    },
  };
}
