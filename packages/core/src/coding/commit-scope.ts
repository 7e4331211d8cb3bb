import type { WorkingTreeStatus } from '../git/port.ts';

// workflow.md §10.6 step 8: a bead commit takes every git-visible project change in any language, except `.ticket/**`
// (the git port never reports it), the approved setup roots, and untracked generated noise. What is left out is
// reported as a warning, never silently dropped.

/**
 * Untracked paths that are build or tool output rather than code a person would commit. Only untracked paths are
 * judged: a tracked file under `dist/` is the project's choice and is committed like any other change.
 */
const NOISE: RegExp[] = [
  /(^|\/)node_modules\//,
  /(^|\/)__pycache__\//,
  /\.py[co]$/,
  /(^|\/)\.(pytest|mypy|ruff)_cache\//,
  /(^|\/)\.(nyc_output|cache|turbo|parcel-cache|next|nuxt|svelte-kit)\//,
  /(^|\/)coverage\//,
  /(^|\/)(target|build|dist|out)\//,
  /\.tsbuildinfo$/,
  /\.log$/,
  /(^|\/)\.DS_Store$/,
  /(^|\/)Thumbs\.db$/,
  /\.(swp|swo|tmp|orig|rej)$/,
  /~$/,
];

export const isGeneratedNoise = (path: string): boolean => NOISE.some((pattern) => pattern.test(path));

const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

export interface CommitScope {
  paths: string[];
  warnings: string[];
}

/** Where a left-out path is reported: its setup root, or its noise folder (or the file itself), so one ignored
 * `node_modules/` makes one warning, not thousands. */
function noiseGroup(path: string): string {
  const segments = path.split('/');
  const folder = segments.findIndex(
    (_s, i) => i < segments.length - 1 && isGeneratedNoise(`${segments.slice(0, i + 1).join('/')}/x`),
  );
  return folder >= 0 ? `${segments.slice(0, folder + 1).join('/')}/` : path;
}

export function commitScope(status: WorkingTreeStatus, tempRoots: readonly string[]): CommitScope {
  const paths: string[] = [];
  const left = new Map<string, { reason: string; count: number }>();
  const leaveOut = (key: string, reason: string) => {
    const entry = left.get(key) ?? { reason, count: 0 };
    entry.count++;
    left.set(key, entry);
  };
  const rootOf = (p: string) => tempRoots.find((root) => under(p, root));
  const entries = [
    ...status.committable.map((path) => ({ path, untracked: false })),
    ...status.untracked.map((path) => ({ path, untracked: true })),
  ];
  for (const { path, untracked } of entries) {
    const root = rootOf(path);
    if (root) leaveOut(`${root}/`, 'is a setup root');
    else if (untracked && isGeneratedNoise(path)) leaveOut(noiseGroup(path), 'looks like generated output');
    else paths.push(path);
  }
  const warnings = [...left].map(
    ([key, { reason, count }]) => `${key} ${reason} and was not committed${count > 1 ? ` (${count} files)` : ''}`,
  );
  return { paths, warnings };
}
