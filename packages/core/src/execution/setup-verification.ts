import type { z } from 'zod';
import type { GitHookPolicy } from '../lifecycle/settings.ts';
import type { SetupResult } from './setup-result.ts';
import { classifyUntracked, type WorktreeStatus } from './worktree-status.ts';

// workflow.md §10.5 step 5: the backend does not take the model's word for it. It runs the probes itself and audits
// the worktree; this file decides from what it observed (pure), the phase gathers the observations.

export interface ProbeOutcome {
  id: string;
  kind: 'tooling' | 'workspace' | 'hook';
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  /** The end of stdout+stderr, for the report and the retry note. */
  outputTail: string;
  durationMs: number;
  /** Paths the check changed in the worktree; LoopTroop put them back (§10.5 step 5, §10.13). */
  worktreeChanges?: string[];
  /** Changed paths that could not be put back. */
  unrestored?: string[];
}

export const probePassed = (o: ProbeOutcome) => o.exitCode === 0 && !o.timedOut;

export interface VerificationInput {
  result: SetupResult;
  hookPolicy: z.infer<typeof GitHookPolicy>;
  probes: ProbeOutcome[];
  envProblems: string[];
  wrapperProblems: string[];
  /** A `run` wrapper exists on disk but the profile did not declare it (recovered with a caution). */
  undeclaredWrapper: boolean;
  worktree: WorktreeStatus;
}

export interface Verification {
  ok: boolean;
  failures: string[];
  warnings: string[];
  /** Added to the profile's cautions when accepted (noise with suggested .gitignore lines, recovered wrapper). */
  cautions: string[];
}

const listed = (paths: readonly string[]) =>
  `${paths.slice(0, 10).join(', ')}${paths.length > 10 ? ` and ${paths.length - 10} more` : ''}`;

/** §10.5 step 5 / §10.13: what a check changed in the worktree, told plainly. */
function mutationProblem(o: ProbeOutcome): string | null {
  const changes = o.worktreeChanges ?? [];
  if (!changes.length) return null;
  const undone = o.unrestored?.length
    ? `; LoopTroop put back all but ${listed(o.unrestored)}`
    : '; LoopTroop put them back';
  return o.kind === 'hook'
    ? `hook validation ${o.id} (${o.command}) changed ${listed(changes)}${undone}`
    : `${o.kind} probe ${o.id} (${o.command}) is not read-only: it changed ${listed(changes)}${undone}. A probe must check the workspace without changing it (e.g. a linter without --fix, tests without snapshot updates)`;
}

/** §10.5 step 5: the project command families a profile may declare, with their spec names. */
const COMMAND_FAMILIES = [
  ['testFull', 'test_full'],
  ['lintFull', 'lint_full'],
  ['typecheckFull', 'typecheck_full'],
] as const;

const describe = (o: ProbeOutcome) =>
  `${o.kind} probe ${o.id} (${o.command}) ${o.timedOut ? 'timed out' : `exited ${o.exitCode}`}${o.outputTail ? `: ${o.outputTail.trim().slice(-300)}` : ''}`;

/** Decide whether a ready-looking attempt is really ready (§10.5 step 5). */
export function verifySetup(input: VerificationInput): Verification {
  const failures: string[] = [];
  const warnings: string[] = [];
  const cautions: string[] = [];
  const { profile } = input.result;
  if (!profile.toolingProbeCommands.length) failures.push('the profile declares no tooling probe commands');
  for (const probe of input.probes) {
    const mutation = mutationProblem(probe);
    // A mutating probe fails the attempt. A hook validation may rewrite files (a formatter): its changes are undone
    // and reported; whether it blocks depends only on its exit status and the policy (§10.13).
    if (mutation) (probe.kind === 'hook' ? warnings : failures).push(mutation);
    if (probePassed(probe)) continue;
    if (probe.kind !== 'hook') failures.push(describe(probe));
    // §10.13: Check (advisory) turns a failing hook validation into a warning; Require blocks.
    else if (input.hookPolicy === 'validate_required') failures.push(describe(probe));
    else warnings.push(describe(probe));
  }
  // Profiles that declare command families must include probes that exercise the project (non-mutating, above).
  const declared = COMMAND_FAMILIES.filter(([key]) => profile.projectCommands[key].length).map(([, name]) => name);
  if (declared.length && !input.probes.some((p) => p.kind === 'workspace'))
    failures.push(
      `the profile declares ${declared.join(', ')} commands but no workspace probe exercises the project without changing it`,
    );
  for (const tool of profile.toolRequirements) {
    if (tool.status !== 'failed') continue;
    if (tool.provisioningAttempts.length < 2)
      failures.push(
        `${tool.launcher} failed after ${tool.provisioningAttempts.length} provisioning attempt(s); at least 2 distinct strategies are needed, or not_provisionable with a reason`,
      );
  }
  failures.push(...input.envProblems, ...input.wrapperProblems);
  if (input.undeclaredWrapper)
    cautions.push('A run wrapper was found on disk without being declared; it was recovered.');
  const { noise, other } = classifyUntracked(input.worktree.untracked);
  const committable = [...input.worktree.changed, ...other];
  if (committable.length)
    failures.push(`the setup left committable changes in the worktree: ${committable.slice(0, 20).join(', ')}`);
  if (noise.length) {
    const lines = [...new Set(noise.map((n) => n.suggestion))];
    cautions.push(`Setup left generated files; consider adding to .gitignore: ${lines.join(' ')}`);
  }
  return { ok: failures.length === 0, failures, warnings, cautions };
}
