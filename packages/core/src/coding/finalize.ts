import type { Bead } from '../beads/schema.ts';
import { runProbe } from '../execution/probe-runner.ts';
import { guardWorktree } from '../execution/worktree-guard.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { commitScope } from './commit-scope.ts';
import type { CodingDeps } from './deps.ts';
import type { SetupFacts } from './setup-facts.ts';

// workflow.md §10.6 step 8 "Finalize locally" and §10.13: commit the bead's changes under the run's git-hook policy,
// then push the commit to the remote ticket branch as a backup (a failed push is only a warning).

/** A finalization failure (§10.6): the bead blocks with BEAD_FINALIZATION_FAILED and never gets a Ralph iteration. */
export class FinalizationFailure extends Error {
  override readonly name = 'FinalizationFailure';
}

export interface Finalized {
  /** The bead commit, or null for a true no-op. */
  commit: string | null;
  /** HEAD after finalization: the end of the bead's diff. */
  head: string;
  warnings: string[];
}

const HOOK_TIMEOUT_MS = 300_000;

/**
 * §10.13 explicit validations: under Check (`validate_advisory`) a failure is a warning, under Require
 * (`validate_required`) it fails the finalization; Observe skips them and Run lets the native hooks run in git.
 */
async function runHookValidations(deps: CodingDeps, ctx: PhaseContext, worktree: string, facts: SetupFacts) {
  const warnings: string[] = [];
  if (facts.hookPolicy !== 'validate_advisory' && facts.hookPolicy !== 'validate_required') return warnings;
  for (const [i, validation] of facts.hookValidations.entries()) {
    // §10.5 step 5 / §10.13: what the validation itself changes (a formatter) is put back; the bead's edits stay.
    const guarded = await guardWorktree(worktree, () =>
      runProbe(
        deps.commands,
        { id: `hook-${i + 1}`, kind: 'hook', command: validation.command },
        { root: worktree, env: {}, timeoutMs: HOOK_TIMEOUT_MS, signal: ctx.signal },
      ),
    );
    // §4.5: a validation killed by cancel is no verdict; nothing is committed after a cancel.
    ctx.signal.throwIfAborted();
    const outcome = guarded.value;
    if (guarded.changed.length)
      warnings.push(`the ${validation.hook} validation changed ${guarded.changed.join(', ')}; LoopTroop put them back`);
    if (outcome.exitCode === 0 && !outcome.timedOut) continue;
    const what = `the ${validation.hook} validation \`${outcome.command}\` ${outcome.timedOut ? 'timed out' : `exited ${outcome.exitCode}`}`;
    if (facts.hookPolicy === 'validate_required')
      throw new FinalizationFailure(`${what} (git hook policy Require): ${outcome.outputTail.slice(-500)}`);
    warnings.push(`${what} (git hook policy Check: a warning only)`);
  }
  return warnings;
}

export async function finalizeBead(
  deps: CodingDeps,
  ctx: PhaseContext,
  bead: Bead,
  facts: SetupFacts,
): Promise<Finalized> {
  const worktree = ctx.ticket.worktreePath;
  if (!worktree) throw new FinalizationFailure('The ticket has no worktree');
  const scope = commitScope(await deps.git.status(worktree), facts.tempRoots);
  const warnings = [...scope.warnings];
  const noVerify = facts.hookPolicy !== 'use_native_hooks';
  let commit: string | null = null;
  if (scope.paths.length) {
    warnings.push(...(await runHookValidations(deps, ctx, worktree, facts)));
    try {
      commit = await deps.git.commit(worktree, {
        paths: scope.paths,
        message: `${ctx.ticket.externalId}: ${bead.title} (${bead.id})`,
        noVerify,
      });
    } catch (error) {
      throw new FinalizationFailure(`The bead commit failed: ${error instanceof Error ? error.message : error}`);
    }
  }
  const head = await deps.git.head(worktree);
  // Finalizing again after a restart (§10.6 restart recovery b) may find the bead's commit already made: HEAD moved
  // past the start commit with nothing left to commit. That commit is the bead's, and it still needs its backup push.
  if (!commit && bead.beadStartCommit && head !== bead.beadStartCommit) commit = head;
  const branch = ctx.ticket.branchName;
  if (commit && branch) {
    // §10.6 step 8: the remote ticket branch is a backup; the lease protects a push we have not seen.
    await deps.git
      .push(worktree, { source: commit, branch, lease: true, noVerify })
      .catch((error) =>
        warnings.push(`The backup push to ${branch} failed: ${error instanceof Error ? error.message : error}`),
      );
  }
  return { commit, head, warnings };
}
