import { z } from 'zod';
import { normalizeRepoPath } from './command-spec.ts';
import { isInternalPath, repoPathProblem } from './repo-path.ts';

// workflow.md §10.3 `workspace_inputs[]` and §10.5 step 1: only inputs that are needed and NOT reproducible
// (dependencies, caches and build output are recreated instead), never internal folders, never outside the checkout.

/** §10.4: "a large workspace input needs an explicit per-input override above a conservative default size". */
export const DEFAULT_INPUT_LIMIT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_INPUT_LIMIT_FILES = 500;

const SOURCE_ALIASES: Record<string, string> = { gitignored: 'ignored', 'git-ignored': 'ignored', new: 'untracked' };

export const CopyPreview = z.object({
  fileCount: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type CopyPreview = z.infer<typeof CopyPreview>;

export const WorkspaceInput = z.object({
  path: z.string().transform(normalizeRepoPath),
  kind: z.enum(['file', 'directory']),
  sourceStatus: z.preprocess(
    (v) => (typeof v === 'string' ? (SOURCE_ALIASES[v.trim().toLowerCase()] ?? v.trim().toLowerCase()) : v),
    z.enum(['ignored', 'untracked']),
  ),
  reason: z.string().trim().min(1, 'say why the input is needed and cannot be recreated'),
  /** The user's explicit override for an input above the default size (§10.4). */
  allowLarge: z.boolean().default(false),
  /** Backend-owned: what a copy would take (file count, bytes); null until measured. */
  preview: CopyPreview.nullable().default(null),
});
export type WorkspaceInput = z.output<typeof WorkspaceInput>;

/** The stored form (no transforms: also an API output schema). */
export const StoredWorkspaceInput = z.object({
  path: z.string(),
  kind: z.enum(['file', 'directory']),
  sourceStatus: z.enum(['ignored', 'untracked']),
  reason: z.string(),
  allowLarge: z.boolean(),
  preview: CopyPreview.nullable(),
});

/** Path segments of things a setup step recreates (dependencies, caches, build output). */
const REPRODUCIBLE_SEGMENTS = new Set([
  'node_modules',
  '.pnpm-store',
  '.yarn',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  'dist',
  'build',
  'target',
  'out',
  '.next',
  '.nuxt',
  '.turbo',
  '.parcel-cache',
  '.gradle',
  '.cache',
  'coverage',
]);

/** Why an input may not be copied (pure path rules), or null. */
export function workspaceInputPathProblem(path: string): string | null {
  const outside = repoPathProblem(path);
  if (outside) return outside;
  if (isInternalPath(path)) return `"${path}" is internal (.git, .ticket and .looptroop are never inputs)`;
  const reproducible = path.split('/').find((segment) => REPRODUCIBLE_SEGMENTS.has(segment));
  if (reproducible)
    return `"${path}" is reproducible (${reproducible}): dependencies, caches and build output are recreated by a step, not copied`;
  return null;
}

/** What the backend observed about an input in the original checkout (§10.5 step 1). */
export interface InputObservation {
  exists: boolean;
  isSymlink: boolean;
  /** A symlink somewhere inside a directory input. */
  containsSymlink: boolean;
  isDirectory: boolean;
  /** `git status` classification of the path in the original checkout. */
  gitStatus: 'ignored' | 'untracked' | 'tracked';
  preview: CopyPreview;
}

/** Every reason the approved input cannot be copied as declared (empty = copy it). */
export function workspaceInputProblems(input: WorkspaceInput, seen: InputObservation): string[] {
  const problems: string[] = [];
  const pathProblem = workspaceInputPathProblem(input.path);
  if (pathProblem) problems.push(pathProblem);
  if (!seen.exists) return [...problems, `"${input.path}" does not exist in the original checkout`];
  if (seen.isSymlink || seen.containsSymlink) problems.push(`"${input.path}" is or contains a symlink`);
  if (seen.isDirectory !== (input.kind === 'directory'))
    problems.push(`"${input.path}" is a ${seen.isDirectory ? 'directory' : 'file'}, not a ${input.kind}`);
  if (seen.gitStatus === 'tracked') problems.push(`"${input.path}" is tracked: the worktree already has it`);
  else if (seen.gitStatus !== input.sourceStatus)
    problems.push(`"${input.path}" is ${seen.gitStatus} in git, not ${input.sourceStatus}`);
  if (
    !input.allowLarge &&
    (seen.preview.bytes > DEFAULT_INPUT_LIMIT_BYTES || seen.preview.fileCount > DEFAULT_INPUT_LIMIT_FILES)
  ) {
    problems.push(
      `"${input.path}" is large (${seen.preview.fileCount} files, ${seen.preview.bytes} bytes); approve it explicitly (allow_large) to copy it`,
    );
  }
  return problems;
}
