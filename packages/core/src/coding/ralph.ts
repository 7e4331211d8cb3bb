import type { Bead } from '../beads/schema.ts';
import { DISABLED_TOOLS } from '../council/index.ts';
import { TICKET_PATHSPEC } from '../git/port.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { stripTerminalNoise } from '../structured/terminal-noise.ts';
import type { IterationOutcome } from './checkpoint.ts';
import { contextWipeNotePrompt } from './coding-prompts.ts';
import type { CodingDeps } from './deps.ts';
import { iterationSlot } from './iteration.ts';

// workflow.md §10.6 "Ralph recovery": a context-wipe note from the failing session (PROM51, tools off), a hard reset
// to the bead's start commit keeping `.ticket`, the session abandoned, and the next iteration in a fresh session.

/** How long the context-wipe note may take; its failure only means the deterministic fallback is used. */
export const NOTE_TIMEOUT_MS = 120_000;
const LAST_OUTPUT_CHARS = 2000;

/** The error code a failed iteration's note carries (§10.6 Ralph step 2 `errorCode`). */
export const ITERATION_ERROR_CODES: Record<Exclude<IterationOutcome, 'done'>, string> = {
  marker_missing: 'BEAD_MARKER_MISSING',
  not_passing: 'BEAD_CHECKS_FAILED',
  iteration_timeout: 'BEAD_ITERATION_TIMEOUT',
  error: 'BEAD_ITERATION_FAILED',
};

export interface FailedIteration {
  sessionId: string | null;
  outcome: Exclude<IterationOutcome, 'done'>;
  errors: string[];
  lastOutput: string;
}

/** What LoopTroop itself saw go wrong: the PROM51 `error_context` and the core of the fallback note. */
export function errorContext(failure: FailedIteration): string {
  const last = failure.lastOutput.trim();
  return [
    `Outcome: ${failure.outcome.replaceAll('_', ' ')}`,
    failure.errors.length ? `Errors:\n${failure.errors.map((e) => `- ${e}`).join('\n')}` : 'Errors: (none recorded)',
    `Last output (truncated):\n${last ? last.slice(-LAST_OUTPUT_CHARS) : '(none)'}`,
  ].join('\n\n');
}

/** §10.6 Ralph step 1 fallback: deterministic, from the recorded errors and the truncated last output. */
export const fallbackNote = (bead: Bead, failure: FailedIteration): string =>
  [
    `Iteration ${bead.iteration} of bead ${bead.id} ("${bead.title}") failed; no note could be written by the agent.`,
    errorContext(failure),
    'The next attempt starts again from the bead start commit: read the errors above and take a different approach.',
  ].join('\n\n');

/** PROM51 in the failing session with tools off; null when there is no session or it does not answer. */
async function agentNote(deps: CodingDeps, ctx: PhaseContext, bead: Bead, failure: FailedIteration) {
  if (!failure.sessionId) return null;
  try {
    const outcome = await deps.opencode.runPrompt({
      ...iterationSlot(ctx, bead),
      title: `${ctx.ticket.externalId} · bead ${bead.id} context-wipe note`,
      text: contextWipeNotePrompt({ bead, errorContext: errorContext(failure) }),
      tools: { ...DISABLED_TOOLS },
      timeoutMs: NOTE_TIMEOUT_MS,
      signal: ctx.signal,
      continueSessionId: failure.sessionId,
    });
    return outcome.text.trim() || null;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return null;
  }
}

/** Steps 1–2: the note (ANSI-stripped), ready to append to `failedIterationNotes`. */
export async function contextWipeNote(deps: CodingDeps, ctx: PhaseContext, bead: Bead, failure: FailedIteration) {
  const written = (await agentNote(deps, ctx, bead, failure)) ?? fallbackNote(bead, failure);
  return {
    timestamp: deps.clock.isoNow(),
    iteration: bead.iteration,
    content: stripTerminalNoise(written).text.trim(),
    errorCode: ITERATION_ERROR_CODES[failure.outcome],
  };
}

/**
 * Step 3: `reset --hard` + clean to the bead's start commit. `.ticket` survives, and so do the approved setup roots:
 * the tools the setup installed there are the environment every iteration relies on, not the bead's work.
 */
export async function resetToStart(
  deps: CodingDeps,
  worktree: string,
  beadStartCommit: string,
  tempRoots: readonly string[],
): Promise<void> {
  await deps.git.resetHard(worktree, beadStartCommit, { preserve: [TICKET_PATHSPEC, ...tempRoots] });
}
