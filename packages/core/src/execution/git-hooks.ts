import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { simpleGit } from 'simple-git';
import { z } from 'zod';

// workflow.md §10.3 `git_hooks.detected[]`: read-only evidence the backend gathers (name, path, source, executable
// yes/no/unknown, manager hint). The model may add validation commands only for these hooks (§10.4, §10.13).

export const DetectedHook = z.object({
  name: z.string(),
  path: z.string(),
  source: z.enum(['core.hooksPath', 'git-dir']),
  executable: z.enum(['yes', 'no', 'unknown']),
  managerHint: z.string().nullable().default(null),
});
export type DetectedHook = z.infer<typeof DetectedHook>;

/** Hook names git runs (githooks(5)); other files in the hooks folder are helpers, not hooks. */
export const GIT_HOOK_NAMES = new Set([
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'reference-transaction',
  'push-to-checkout',
]);

/** Which hook manager the repository's files point to (a hint for the plan; never evidence of a command). */
export function hookManagerHint(hooksPath: string | null, repoFiles: ReadonlySet<string>): string | null {
  if (hooksPath?.replace(/\/+$/, '').endsWith('.husky') || [...repoFiles].some((f) => f.startsWith('.husky/')))
    return 'husky';
  if (['lefthook.yml', 'lefthook.yaml', '.lefthook.yml'].some((f) => repoFiles.has(f))) return 'lefthook';
  if (repoFiles.has('.pre-commit-config.yaml')) return 'pre-commit';
  return null;
}

export interface HookEntry {
  name: string;
  /** Absolute path of the hook file. */
  file: string;
  mode: number | null;
}

/** Pure: the detected hooks from the files of the hooks folder. Samples and non-hook helpers are skipped. */
export function classifyHooks(
  entries: readonly HookEntry[],
  options: { repoRoot: string; source: DetectedHook['source']; managerHint: string | null; platform: string },
): DetectedHook[] {
  return entries
    .filter((e) => GIT_HOOK_NAMES.has(e.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => {
      const rel = relative(options.repoRoot, e.file).replaceAll('\\', '/');
      const executable =
        options.platform === 'win32' || e.mode === null ? 'unknown' : e.mode & 0o111 ? 'yes' : ('no' as const);
      return {
        name: e.name,
        path: rel.startsWith('..') || isAbsolute(rel) ? e.file : rel,
        source: options.source,
        executable,
        managerHint: options.managerHint,
      };
    });
}

/** Gather the hooks of a checkout: `core.hooksPath` when set, else the git dir's `hooks/`. */
export async function detectGitHooks(
  checkout: string,
  repoFiles: ReadonlySet<string>,
  platform: string,
): Promise<DetectedHook[]> {
  const git = simpleGit({ baseDir: checkout, timeout: { block: 10_000 } });
  const configured = (await git.raw(['config', '--get', 'core.hooksPath']).catch(() => '')).trim();
  const dir = configured
    ? isAbsolute(configured)
      ? configured
      : join(checkout, configured)
    : await git.raw(['rev-parse', '--git-path', 'hooks']).then((p) => {
        const path = p.trim();
        return isAbsolute(path) ? path : join(checkout, path);
      });
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries: HookEntry[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) entries.push({ name, file, mode: info.mode });
  }
  return classifyHooks(entries, {
    repoRoot: checkout,
    source: configured ? 'core.hooksPath' : 'git-dir',
    managerHint: hookManagerHint(configured || null, repoFiles),
    platform,
  });
}
