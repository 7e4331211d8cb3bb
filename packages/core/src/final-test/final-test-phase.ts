import { z } from 'zod';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import { readPlan } from '../beads/plan-store.ts';
import { headCommit, resetKeepingTicket } from '../execution/worktree-git.ts';
import { type PhaseContext, PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import { readCommandEnvironment } from './command-environment.ts';
import { AUDIT_TYPE, auditPassingAttempt } from './file-effects-step.ts';
import { type AttemptRecord, type FinalTestDeps, runFinalTestAttempt } from './final-test-attempt.ts';
import { appendNote, type FinalTestNote, PHASE, readNotes, writeRetryNote } from './final-test-notes.ts';
import { finalTestPrompt } from './prompts.ts';
import type { CommandRun } from './run-commands.ts';

// workflow.md §10.7 RUNNING_FINAL_TEST, the mandatory whole-ticket gate: attempts until one passes by the backend's
// own run of the agent's commands, or the budget is spent (TESTS_FAILED → BLOCKED_ERROR).

export const START_TYPE = 'final_test_start';
export const REPORT_TYPE = 'final_test_report';

const Start = z.object({ commit: z.string() });
const Report = z.object({ attempt: z.number(), passed: z.boolean(), summary: z.string() });

/**
 * The final-test start commit of this phase attempt: recorded once, so a restart (or a retry with note) resets to the
 * same anchor. `resumed` says it was already there: whatever a interrupted attempt left must be reset first.
 */
async function startCommit(deps: FinalTestDeps, ctx: PhaseContext, worktree: string) {
  const stored = await deps.artifacts.latest(ctx.ticket, START_TYPE, { phase: PHASE, phaseAttempt: ctx.phaseAttempt });
  if (stored) return { commit: Start.parse(JSON.parse(stored.content)).commit, resumed: true };
  const commit = await headCommit(worktree);
  await writeJson(deps, ctx, START_TYPE, { commit });
  return { commit, resumed: false };
}

/** The attempts already reported in this phase attempt (restart-safe attempt numbering). */
async function reportedAttempts(deps: FinalTestDeps, ctx: PhaseContext) {
  const rows = await deps.artifacts.list(ctx.ticket, {
    phase: PHASE,
    phaseAttempt: ctx.phaseAttempt,
    artifactType: REPORT_TYPE,
  });
  return rows.map((r) => Report.parse(JSON.parse(r.content)));
}

/** PRD and beads as the prompt shows them (§11.2 `final_test`). */
async function planContext(deps: FinalTestDeps, ctx: PhaseContext) {
  const prd = (await deps.artifacts.latest(ctx.ticket, 'prd'))?.content ?? '(no PRD)';
  const beads = ((await readPlan(deps.artifacts, ctx.ticket))?.beads ?? [])
    .map((b) => `- ${b.id}: ${b.title}\n  ${b.description.replaceAll('\n', '\n  ')}`)
    .join('\n');
  return { prd, beads: beads || '(no beads)' };
}

export function finalTestPhase(deps: FinalTestDeps): PhaseHandler {
  return async (ctx) => {
    const { ticket } = ctx;
    const passed = { event: 'TESTS_PASSED' as const, context: { lockedManualQaEnabled: ctx.locked.manualQaEnabled } };
    const worktree = ticket.worktreePath;
    if (!worktree) throw new PhaseError('The ticket has no worktree', ['TESTS_FAILED']);
    const reports = await reportedAttempts(deps, ctx);
    const audit = await deps.artifacts.latest(ticket, AUDIT_TYPE, { phase: PHASE, phaseAttempt: ctx.phaseAttempt });
    // A restart after the passing attempt was audited: the result stands (resetting would lose the test).
    if (reports.at(-1)?.passed && audit) return passed;
    const anchor = await startCommit(deps, ctx, worktree);
    // A resumed phase starts its attempt from the anchor again — unless Continue (§4.4) resumes the preserved session,
    // whose agent expects its own edits still in place.
    if (anchor.resumed && !ctx.continuation) await resetKeepingTicket(worktree, anchor.commit);
    const environment = await readCommandEnvironment(deps.artifacts, ticket, worktree, deps.env.PATH);
    const context = await planContext(deps, ctx);
    const first = reports.length + 1;
    let lastFailure = reports.at(-1)?.summary ?? '';
    for (let attempt = first; ; attempt++) {
      const notes = await readNotes(deps.artifacts, ticket, ctx.phaseAttempt);
      // workflow.md open point 1 (maxIterations semantics): 0 still allows the one attempt the gate needs. §4.4 as for
      // setup: each user note allows one attempt beyond the automatic budget.
      const budget = Math.max(1, ctx.settings.maxIterations) + notes.filter((n) => n.source === 'user').length;
      if (attempt > budget)
        throw new PhaseError(
          `The final test failed ${attempt - 1} time(s); the retry budget is spent. Last failure: ${lastFailure}`,
          ['TESTS_FAILED'],
          { attempts: attempt - 1 },
        );
      await deps.logs.milestone(ticket, PHASE, `Final test attempt ${attempt} of ${budget}`);
      const text = finalTestPrompt({
        ticket,
        ...context,
        notes: notes.map((n) => n.text),
        setupRoots: environment.setupRoots,
        attempt,
        budget,
      });
      const record = await runFinalTestAttempt(deps, ctx, {
        attempt,
        text,
        worktree,
        startCommit: anchor.commit,
        environment,
        resume: attempt === first,
      });
      if (record.passed) {
        const content = await auditPassingAttempt(deps, ctx, {
          record,
          worktree,
          startCommit: anchor.commit,
          environment,
        });
        // The audit first: a passed report then always has its audit (the restart check above relies on it).
        await writeJson(deps, ctx, AUDIT_TYPE, content);
        await writeReport(deps, ctx, record, budget, notes);
        await deps.logs.milestone(ticket, PHASE, `Final test passed on attempt ${attempt}`, {
          candidates: content.candidatePaths.length,
          localOnly: content.localOnly.length,
        });
        return passed;
      }
      const note = await writeRetryNote(deps, ctx, record);
      const all = await appendNote(deps.artifacts, ticket, ctx.phaseAttempt, {
        attempt,
        source: note.source,
        text: note.text,
        createdAt: deps.clock.isoNow(),
      });
      await writeReport(deps, ctx, record, budget, all);
      lastFailure = record.error ?? 'the final test failed';
      await deps.logs.milestone(ticket, PHASE, `Final test attempt ${attempt} failed: ${lastFailure}`);
      // §10.7: project files go back to the final-test start commit; `.ticket` stays.
      await resetKeepingTicket(worktree, anchor.commit);
    }
  };
}

/** A JSON artifact of this phase attempt (a new version each time). */
const writeJson = (deps: FinalTestDeps, ctx: PhaseContext, type: ArtifactTypeName, content: unknown) =>
  deps.artifacts.write(ctx.ticket, PHASE, type, JSON.stringify(content, null, 2), { phaseAttempt: ctx.phaseAttempt });

/** One `final_test_report` version per attempt (CONTRACTS.md 7); `notes` are the final_test_notes so far. */
export interface FinalTestReportDoc {
  attempt: number;
  maxAttempts: number;
  passed: boolean;
  summary: string;
  testFiles: string[];
  modifiedFiles: string[];
  commands: CommandRun[];
  notes: string[];
}

const writeReport = (
  deps: FinalTestDeps,
  ctx: PhaseContext,
  record: AttemptRecord,
  budget: number,
  notes: readonly FinalTestNote[],
) =>
  writeJson(deps, ctx, REPORT_TYPE, {
    attempt: record.attempt,
    maxAttempts: budget,
    passed: record.passed,
    summary: record.passed ? (record.answer?.summary ?? '') : (record.error ?? 'The final test failed'),
    testFiles: record.answer?.testFiles ?? [],
    modifiedFiles: record.answer?.modifiedFiles ?? [],
    commands: record.commands,
    notes: notes.map((n) => n.text),
  } satisfies FinalTestReportDoc);
