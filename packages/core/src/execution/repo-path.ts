import { targetFileProblem } from '../beads/graph.ts';

/** LoopTroop-owned or git-owned top folders a plan may never name as an input (workflow.md §10.3). */
export const INTERNAL_ROOTS = ['.git', '.ticket', '.looptroop'] as const;

/** Why a repo-relative path is not acceptable, or null: inside the checkout (§9.3 rules, shared with beads). */
export function repoPathProblem(path: string): string | null {
  return targetFileProblem(path);
}

/** Is the path one of LoopTroop's or git's own folders (or inside one)? */
export function isInternalPath(path: string): boolean {
  const first = path.split('/')[0] ?? '';
  return (INTERNAL_ROOTS as readonly string[]).includes(first);
}

/** Is `path` equal to `root` or inside it (both normalized, repo-relative)? */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}
