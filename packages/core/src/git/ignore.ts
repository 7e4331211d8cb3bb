import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { simpleGit } from 'simple-git';

/** The repository-local exclude file (works in worktrees, where `.git` is a file). */
export async function excludeFileOf(dir: string): Promise<string> {
  const path = (await simpleGit(dir).raw(['rev-parse', '--git-path', 'info/exclude'])).trim();
  return isAbsolute(path) ? path : join(dir, path);
}

/** Append `rule` to an ignore file unless a line already equals it. */
export async function addIgnoreRule(file: string, rule: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current.split('\n').some((line) => line.trim() === rule)) return;
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${current && !current.endsWith('\n') ? '\n' : ''}${rule}\n`);
}
