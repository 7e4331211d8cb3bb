import type { Bead } from '../beads/schema.ts';
import { type PhaseContext, PhaseError, type PhaseHandler, type PhaseOutcome } from '../lifecycle/phase.ts';
import { allComplete, beadCounters, readBeads, selectBead, updateBeads } from './bead-records.ts';
import { type BeadExecution, isFinalizable, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { codingPrompt } from './coding-prompts.ts';
import type { CodingDeps } from './deps.ts';
import { completeBead } from './done.ts';
import { FinalizationFailure, finalizeBead } from './finalize.ts';
import { emptyRecord, type IterationRecord, runIteration } from './iteration.ts';
import { contextWipeNote, type FailedIteration, fallbackNote, resetToStart } from './ralph.ts';
import { readSetupFacts, type SetupFacts } from './setup-facts.ts';

// workflow.md §10.6 CODING: one bead per run of this handler. The runner re-enters CODING after each BEAD_COMPLETE
// (the bead loop of §4.3), so every bead starts from what is persisted: the plan, its checkpoint, the worktree.

/** §4.3: `maxIterations` fresh-session attempts per bead (at least one, as for setup attempts). */
export const iterationBudget = (maxIterations: number) => Math.max(1, maxIterations);

interface Run {
  deps: CodingDeps;
  ctx: PhaseContext;
  worktree: string;
  facts: SetupFacts;
}

const bail = (message: string, codes: string[], diagnostics?: Record<string, unknown>, cause?: unknown) =>
  new PhaseError(message, codes, diagnostics, cause === undefined ? undefined : { cause });

async function publishProgress(run: Run, beads: readonly Bead[], message: string) {
  const counters = beadCounters(beads);
  await run.deps.codingStore.setCounters(run.ctx.ticket.id, counters);
  await run.deps.events.publish('progress', {
    ticketId: run.ctx.ticket.externalId,
    phase: 'CODING',
    current: counters.currentBead,
    total: counters.totalBeads,
    message,
  });
}

/** §10.6 step 1: `in_progress`, startedAt the first time, updatedAt for this attempt, beadStartCommit = HEAD. */
async function startAttempt(run: Run, bead: Bead): Promise<Bead> {
  const { deps, ctx } = run;
  const now = deps.clock.isoNow();
  // Best effort: without a start commit this bead gets no reset and no diff, but execution continues.
  const head = await deps.git.head(run.worktree).catch(() => null);
  const beads = await updateBeads(deps.artifacts, ctx.ticket, bead.id, (b) => ({
    ...b,
    status: 'in_progress',
    startedAt: b.startedAt || now,
    updatedAt: now,
    beadStartCommit: head,
  }));
  const started = beads.find((b) => b.id === bead.id) ?? bead;
  const budget = iterationBudget(ctx.settings.maxIterations);
  await publishProgress(run, beads, `Bead ${bead.id} started (iteration ${started.iteration} of ${budget})`);
  await deps.logs.milestone(ctx.ticket, ctx.status, `Bead ${bead.id}: iteration ${started.iteration} of ${budget}`);
  return started;
}

/** Continue: same iteration and session, a fresh deadline; the countdown is anchored to the new `updatedAt`. */
async function refreshAttempt(run: Run, bead: Bead): Promise<Bead> {
  const beads = await updateBeads(run.deps.artifacts, run.ctx.ticket, bead.id, (b) => ({
    ...b,
    status: 'in_progress',
    updatedAt: run.deps.clock.isoNow(),
  }));
  await publishProgress(run, beads, `Bead ${bead.id} continues (iteration ${bead.iteration})`);
  return beads.find((b) => b.id === bead.id) ?? bead;
}

const checkpointOf = (bead: Bead, record: IterationRecord, commit: string | null = null): BeadExecution => ({
  beadId: bead.id,
  iteration: bead.iteration,
  startedAt: bead.startedAt,
  updatedAt: bead.updatedAt,
  beadStartCommit: bead.beadStartCommit,
  sessionId: record.sessionId,
  outcome: record.outcome,
  marker: record.marker,
  turns: record.turns,
  errors: record.errors,
  commit,
});

/**
 * Ralph steps 2–4 after the note: append it, reset, abandon the session, iteration + 1, pending. Returns the bead
 * ready for its next attempt, or throws BEAD_RETRY_BUDGET_EXHAUSTED once the budget is spent.
 */
async function nextIteration(
  run: Run,
  bead: Bead,
  note: Bead['failedIterationNotes'][number],
  sessionId: string | null,
): Promise<Bead> {
  const { deps, ctx } = run;
  // The failing session is abandoned first: nothing it says later is read again (late output never finalizes).
  if (sessionId) await deps.opencode.abandonSession(sessionId, run.worktree);
  if (bead.beadStartCommit) await resetToStart(deps, run.worktree, bead.beadStartCommit, run.facts.tempRoots);
  const budget = iterationBudget(ctx.settings.maxIterations);
  const exhausted = bead.iteration + 1 > budget;
  const beads = await updateBeads(deps.artifacts, ctx.ticket, bead.id, (b) => ({
    ...b,
    failedIterationNotes: [...b.failedIterationNotes, note],
    status: exhausted ? 'error' : 'pending',
    iteration: b.iteration + 1,
    updatedAt: deps.clock.isoNow(),
  }));
  const what = `Bead ${bead.id}: iteration ${bead.iteration} of ${budget} failed (${note.errorCode})`;
  await publishProgress(run, beads, what);
  await deps.logs.milestone(
    ctx.ticket,
    ctx.status,
    exhausted ? `${what}; the retry budget is spent` : `${what}; the next iteration starts in a fresh session`,
    { beadId: bead.id, iteration: bead.iteration, errorCode: note.errorCode },
  );
  if (exhausted)
    throw bail(
      `Bead ${bead.id} did not finish within ${budget} iteration(s); its notes say what failed`,
      ['BEAD_RETRY_BUDGET_EXHAUSTED'],
      { beadId: bead.id, iterations: bead.iteration },
    );
  return beads.find((b) => b.id === bead.id) ?? bead;
}

/** §10.6 "Finalization failure": a concise note, the bead in `error`, BEAD_FINALIZATION_FAILED; no Ralph iteration. */
async function finalizeOrBlock(run: Run, bead: Bead, checkpoint: BeadExecution | null): Promise<PhaseOutcome> {
  const { deps, ctx } = run;
  try {
    const finalized = await finalizeBead(deps, ctx, bead, run.facts);
    return await completeBead(deps, ctx, bead, finalized, checkpoint);
  } catch (error) {
    if (!(error instanceof FinalizationFailure) || ctx.signal.aborted) throw error;
    await updateBeads(deps.artifacts, ctx.ticket, bead.id, (b) => ({
      ...b,
      status: 'error',
      updatedAt: deps.clock.isoNow(),
      finalizationFailureNotes: [
        ...b.finalizationFailureNotes,
        {
          timestamp: deps.clock.isoNow(),
          iteration: b.iteration,
          content: error.message,
          errorCode: 'BEAD_FINALIZATION_FAILED',
        },
      ],
    }));
    throw bail(`Bead ${bead.id} could not be finalized: ${error.message}`, ['BEAD_FINALIZATION_FAILED'], {
      beadId: bead.id,
    });
  }
}

/**
 * §10.6 restart recovery for an `in_progress` bead without a continuation: finalize from an exactly matching
 * checkpoint, else a deterministic failed-iteration note, reset, iteration + 1, pending. A worktree that cannot be
 * reset to the bead's start commit cannot be trusted: the ticket blocks.
 */
async function recoverInterrupted(
  run: Run,
  bead: Bead,
): Promise<{ finalize: BeadExecution } | { finalize: null; bead: Bead }> {
  const { deps, ctx } = run;
  const checkpoint = await readCheckpoint(deps.artifacts, ctx.ticket, bead.id);
  if (checkpoint && isFinalizable(checkpoint, bead)) return { finalize: checkpoint };
  if (!bead.beadStartCommit)
    throw bail(
      `Bead ${bead.id} was interrupted and its start commit is unknown, so the worktree cannot be trusted`,
      ['CODING_FAILED', 'WORKTREE_UNTRUSTED'],
      { beadId: bead.id },
    );
  const failure: FailedIteration = {
    sessionId: null,
    outcome: 'error',
    errors: ['The iteration was interrupted (LoopTroop restarted) before it reported a result'],
    lastOutput: checkpoint?.iteration === bead.iteration ? (checkpoint.turns.at(-1)?.output ?? '') : '',
  };
  try {
    const next = await nextIteration(
      run,
      bead,
      {
        timestamp: deps.clock.isoNow(),
        iteration: bead.iteration,
        content: fallbackNote(bead, failure),
        errorCode: 'BEAD_ITERATION_INTERRUPTED',
      },
      null,
    );
    return { finalize: null, bead: next };
  } catch (error) {
    if (error instanceof PhaseError) throw error;
    throw bail(
      `Bead ${bead.id} was interrupted and the worktree cannot be reset to ${bead.beadStartCommit}: ${error instanceof Error ? error.message : error}`,
      ['CODING_FAILED', 'WORKTREE_UNTRUSTED'],
      { beadId: bead.id },
    );
  }
}

/** Iterations of one bead until it is done, blocked, or out of budget. */
async function executeBead(run: Run, initial: Bead): Promise<PhaseOutcome> {
  const { deps, ctx } = run;
  let bead = initial;
  let resume = ctx.continuation;
  for (;;) {
    // After Continue the same iteration resumes in its preserved session, with a fresh deadline anchored here (§4.4).
    bead = resume ? await refreshAttempt(run, bead) : await startAttempt(run, bead);
    const record = await runIteration(deps, ctx, {
      bead,
      prompt: codingPrompt({
        bead,
        maxIterations: iterationBudget(ctx.settings.maxIterations),
        tempRoots: run.facts.tempRoots,
      }),
      timeoutSeconds: ctx.settings.perIterationTimeout,
      structuredRetryCount: ctx.locked.structuredRetryCount,
      retryLimit: ctx.settings.opencodeRetryLimit,
      retryGraceSeconds: ctx.settings.opencodeRetryDelay,
      ...(resume && { resume }),
    }).catch(async (error: unknown) => {
      if (!ctx.signal.aborted)
        await writeCheckpoint(deps.artifacts, ctx.ticket, {
          ...checkpointOf(bead, emptyRecord()),
          errors: [error instanceof Error ? error.message : String(error)],
        });
      throw error;
    });
    resume = undefined;
    const checkpoint = checkpointOf(bead, record);
    await writeCheckpoint(deps.artifacts, ctx.ticket, checkpoint);
    if (record.interruption)
      // §10.6 provider interruptions: not the bead budget; the session stays preserved and Continue resumes it.
      throw bail(
        `Bead ${bead.id} was interrupted by the provider: ${record.interruption.message}`,
        ['CODING_FAILED'],
        { beadId: bead.id, iteration: bead.iteration },
        record.interruption,
      );
    if (record.outcome === 'done') return finalizeOrBlock(run, bead, checkpoint);
    const failure: FailedIteration = {
      sessionId: record.sessionId,
      outcome: record.outcome,
      errors: record.errors,
      lastOutput: record.turns.at(-1)?.output ?? '',
    };
    bead = await nextIteration(run, bead, await contextWipeNote(deps, ctx, bead, failure), record.sessionId);
  }
}

export function codingPhase(deps: CodingDeps): PhaseHandler {
  return async (ctx) => {
    const worktree = ctx.ticket.worktreePath;
    if (!worktree) throw bail('The ticket has no worktree', ['CODING_FAILED']);
    const beads = await readBeads(deps.artifacts, ctx.ticket);
    if (!beads.length) throw bail('There is no bead plan to execute', ['CODING_FAILED']);
    if (allComplete(beads)) {
      await deps.codingStore.setCounters(ctx.ticket.id, beadCounters(beads));
      return { event: 'ALL_BEADS_DONE', context: { beadsCompleted: beads.length, beadsTotal: beads.length } };
    }
    const run: Run = { deps, ctx, worktree, facts: await readSetupFacts(deps.artifacts, ctx.ticket, ctx.locked) };
    const bead = selectBead(beads);
    if (!bead)
      throw bail(
        'No bead can run: the remaining beads are in error or wait on beads that are not done',
        ['CODING_FAILED'],
        {
          pending: beads.filter((b) => b.status !== 'done').map((b) => `${b.id}:${b.status}`),
        },
      );
    if (bead.status === 'in_progress' && !ctx.continuation) {
      const recovered = await recoverInterrupted(run, bead);
      if (recovered.finalize) return finalizeOrBlock(run, bead, recovered.finalize);
      return executeBead(run, recovered.bead);
    }
    return executeBead(run, bead);
  };
}
