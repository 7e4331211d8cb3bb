import { DISABLED_TOOLS } from '../council/index.ts';
import { isInternalPath } from '../execution/repo-path.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { parseStructured } from '../structured/index.ts';
import type { CommandEnvironment } from './command-environment.ts';
import { type AuditInput, auditFileEffects } from './file-effects-audit.ts';
import { type AttemptRecord, type FinalTestDeps, sessionOf } from './final-test-attempt.ts';
import { type FileEffect, fileEffectsSpec, forbiddenPathProblem } from './final-test-result.ts';
import { classifyPrompt } from './prompts.ts';
import { ignoredPaths, readDirtyState, restoreTracked, ticketChangedPaths } from './worktree-effects.ts';

// workflow.md §10.7 on pass: gather the dirty state after the passing attempt, ask once about unknown untracked
// files (same session), restore tracked changes marked temporary/unexpected, and name the delivery candidates.

export const AUDIT_TYPE = 'final_test_file_effects_audit';

/** The one classification retry, in the passing attempt's session; null when it gives nothing usable. */
async function classify(
  deps: FinalTestDeps,
  ctx: PhaseContext,
  record: AttemptRecord,
  paths: string[],
  setupRoots: readonly string[],
): Promise<FileEffect[] | null> {
  if (!record.sessionId) return null;
  try {
    const outcome = await deps.opencode.runPrompt({
      ...sessionOf(ctx, record.attempt, 'final test file classification'),
      text: classifyPrompt(paths),
      // A classification only: nothing may change the worktree after the passing run.
      tools: { ...DISABLED_TOOLS },
      continueSessionId: record.sessionId,
    });
    const parsed = parseStructured(outcome.text, fileEffectsSpec);
    if (!parsed.ok) return null;
    // Only the asked paths count, and never a forbidden one (§10.7).
    return parsed.value.fileEffects.filter(
      (e) => paths.includes(e.path) && forbiddenPathProblem(e.path, setupRoots) === null,
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return null;
  }
}

/** Run the audit after the passing `record`, apply it to the worktree and return the artifact's content. */
export async function auditPassingAttempt(
  deps: FinalTestDeps,
  ctx: PhaseContext,
  input: { record: AttemptRecord; worktree: string; startCommit: string; environment: CommandEnvironment },
) {
  const { record, worktree, environment } = input;
  const answer = record.answer;
  if (!answer) throw new Error('a passing attempt always has an answer');
  const after = await readDirtyState(worktree);
  const declaredPaths = [...answer.testFiles, ...answer.modifiedFiles, ...answer.fileEffects.map((e) => e.path)];
  const base: AuditInput = {
    before: record.before,
    after,
    ignoredDeclared: await ignoredPaths(worktree, [...new Set(declaredPaths)]),
    testFiles: answer.testFiles,
    modifiedFiles: answer.modifiedFiles,
    fileEffects: answer.fileEffects,
    setupRoots: environment.setupRoots,
    classified: null,
  };
  let outcome = auditFileEffects(base);
  const warnings: string[] = [];
  if (outcome.unknown.length) {
    const classified = await classify(deps, ctx, record, outcome.unknown, environment.setupRoots);
    if (classified === null) warnings.push('The classification retry gave no usable answer');
    outcome = auditFileEffects({ ...base, classified: classified ?? [] });
  }
  const restored = outcome.rows.filter((r) => r.result === 'restored').map((r) => r.path);
  await restoreTracked(worktree, restored);
  const localOnly = outcome.rows.filter((r) => r.result === 'local_only').map((r) => r.path);
  const excluded = new Set(localOnly);
  const changed = await ticketChangedPaths(worktree, ctx.ticket.baseBranch ?? 'main', input.startCommit);
  if (changed.warning) warnings.push(changed.warning);
  const candidatePaths = [
    ...new Set([
      ...changed.paths,
      // declared ignored candidates are not in git's view of changes; delivery stages them by exact path
      ...outcome.rows.filter((r) => r.result === 'candidate').map((r) => r.path),
    ]),
  ]
    .filter((path) => !excluded.has(path) && !isInternalPath(path))
    .sort();
  return { candidatePaths, localOnly, restored, warnings: [...warnings, ...outcome.warnings], rows: outcome.rows };
}
