import { isInternalPath, isWithin } from '../execution/repo-path.ts';
import { classifyUntracked } from '../execution/worktree-status.ts';
import type { FileEffect, FileIntent } from './final-test-result.ts';

// workflow.md §10.7 "file-effects audit", the pure part: the dirty git state after the passing attempt, what the agent
// declared, and the table of cases → one row per path. The phase gathers the observations and applies the results.

export type GitState = 'tracked' | 'untracked' | 'ignored';
export type AuditResult = 'candidate' | 'local_only' | 'restored';

export interface AuditRow {
  path: string;
  gitState: GitState;
  intent: FileIntent | 'undeclared';
  result: AuditResult;
  reason: string;
}

export interface DirtyState {
  /** Tracked paths with staged or unstaged changes. */
  changed: string[];
  /** Untracked, not ignored files (one entry per file). */
  untracked: string[];
}

export interface AuditInput {
  before: DirtyState;
  after: DirtyState;
  /** Declared paths git ignores (they are not in the dirty state, yet the agent named them). */
  ignoredDeclared: string[];
  testFiles: string[];
  modifiedFiles: string[];
  fileEffects: FileEffect[];
  setupRoots: string[];
  /** The answer of the one classification retry, once it ran (null: not asked yet). */
  classified: FileEffect[] | null;
}

export interface AuditOutcome {
  rows: AuditRow[];
  /** Unknown untracked paths to classify (only before the classification retry ran). */
  unknown: string[];
  warnings: string[];
}

/** What the agent declared per path: explicit file effects win over the implicit candidates of the file lists. */
function declarations(input: AuditInput): Map<string, { intent: FileIntent; reason: string }> {
  const declared = new Map<string, { intent: FileIntent; reason: string }>();
  for (const path of input.modifiedFiles)
    declared.set(path, { intent: 'candidate', reason: 'listed in modified_files' });
  for (const path of input.testFiles) declared.set(path, { intent: 'candidate', reason: 'the final test file' });
  for (const effect of [...input.fileEffects, ...(input.classified ?? [])])
    declared.set(effect.path, { intent: effect.intent, reason: effect.reason || `declared ${effect.intent}` });
  return declared;
}

/** Untracked files in ignored, setup-temp, dependency, cache or output locations (§10.7 local-only row). */
function localLocation(path: string, gitState: GitState, setupRoots: readonly string[]): string | null {
  if (gitState === 'ignored') return 'ignored by git';
  if (setupRoots.some((root) => isWithin(path, root))) return 'inside a setup path';
  const noise = classifyUntracked([path]).noise[0];
  return noise ? `a dependency, cache or output location (${noise.suggestion})` : null;
}

/** One row of the §10.7 table. */
function auditRow(
  path: string,
  gitState: GitState,
  declared: { intent: FileIntent; reason: string } | undefined,
  setupRoots: readonly string[],
  classificationRan: boolean,
): AuditRow & { unknown?: true; undeclaredLeftover?: true } {
  const intent: AuditRow['intent'] = declared?.intent ?? 'undeclared';
  const row = (result: AuditResult, reason: string): AuditRow => ({ path, gitState, intent, result, reason });
  if (declared?.intent === 'candidate') return row('candidate', declared.reason);
  if (gitState === 'tracked') {
    if (declared) return row('restored', `tracked change marked ${declared.intent}: restored to its committed content`);
    return row('candidate', 'unresolved tracked change: stays a candidate for the PR audit');
  }
  const local = localLocation(path, gitState, setupRoots);
  if (local) return row('local_only', local);
  if (declared) return row('local_only', `untracked file marked ${declared.intent}: left on disk`);
  if (!classificationRan) return { ...row('local_only', 'unknown untracked file'), unknown: true };
  return {
    ...row('local_only', 'unknown untracked file, still undeclared after the classification retry'),
    undeclaredLeftover: true,
  };
}

export function auditFileEffects(input: AuditInput): AuditOutcome {
  const declared = declarations(input);
  const paths = new Map<string, GitState>();
  for (const path of input.after.changed) paths.set(path, 'tracked');
  for (const path of input.after.untracked) paths.set(path, 'untracked');
  for (const path of input.ignoredDeclared) if (!paths.has(path)) paths.set(path, 'ignored');
  const dirtyBefore = new Set([...input.before.changed, ...input.before.untracked]);
  const rows: AuditRow[] = [];
  const unknown: string[] = [];
  const warnings: string[] = [];
  for (const path of [...paths.keys()].sort()) {
    const gitState = paths.get(path) ?? 'untracked';
    if (isInternalPath(path)) continue; // LoopTroop's and git's own files are never effects of the test
    const {
      unknown: isUnknown,
      undeclaredLeftover,
      ...row
    } = auditRow(path, gitState, declared.get(path), input.setupRoots, input.classified !== null);
    if (dirtyBefore.has(path)) row.reason = `${row.reason} (already dirty before the final test)`;
    if (isUnknown) unknown.push(path);
    if (undeclaredLeftover)
      warnings.push(`${path} was left by the final test without being declared; it stays local-only (not delivered)`);
    rows.push(row);
  }
  return { rows, unknown, warnings };
}
