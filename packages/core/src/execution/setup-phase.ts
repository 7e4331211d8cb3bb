import { join } from 'node:path';
import { readPlan } from '../beads/plan-store.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { type PhaseContext, PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import type { ExecutionDeps } from './deps.ts';
import { copyWorkspaceInputs } from './input-copy.ts';
import { type AttemptRecord, runSetupAttempt, writeRetryNote } from './setup-attempt.ts';
import { type AttemptOutcome, nextSetupStep, notProvisionable, toolingBlockers } from './setup-attempts.ts';
import { diffSetupCommands } from './setup-command-diff.ts';
import { readStoredPlan } from './setup-plan-format.ts';
import { planArtifact } from './setup-plan-store.ts';
import { setupNotePrompt, setupPrompt } from './setup-prompts.ts';
import { clearSetupRuntime, PROFILE_MIRROR } from './setup-runtime-files.ts';
import { headCommit, resetKeepingTicket } from './worktree-git.ts';

export const START_COMMIT_TYPE = 'execution_setup_start';
export const REPORT_TYPE = 'execution_setup_report';
export const RETRY_NOTES_TYPE = 'execution_setup_retry_notes';
export const MANUAL_NOTE_TYPE = 'execution_setup_manual_note';

/** The setup start commit of this runtime attempt: recorded once, so a restart resets to the same anchor (§10.1). */
async function startCommit(deps: ExecutionDeps, ctx: PhaseContext, worktree: string): Promise<string> {
  const stored = await deps.artifacts.latest(ctx.ticket, START_COMMIT_TYPE, {
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
  });
  if (stored) return (JSON.parse(stored.content) as { commit: string }).commit;
  const commit = await headCommit(worktree);
  await deps.artifacts.write(ctx.ticket, ctx.status, START_COMMIT_TYPE, JSON.stringify({ commit }));
  return commit;
}

/** A pending "Retry with extra note" (§4.4), consumed by the next run of this phase. */
async function manualNote(deps: ExecutionDeps, ctx: PhaseContext) {
  const stored = await deps.artifacts.latest(ctx.ticket, MANUAL_NOTE_TYPE, {
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
  });
  const note = stored ? (JSON.parse(stored.content) as { note: string; sessionId: string; consumed: boolean }) : null;
  return note && !note.consumed ? note : null;
}

const describeOutcome = (record: AttemptRecord): AttemptOutcome => {
  if (record.result && record.verification?.ok) return { kind: 'accepted' };
  const reasons = record.result ? notProvisionable(record.result) : [];
  if (reasons.length) return { kind: 'not_provisionable', reasons };
  return {
    kind: 'failed',
    blockers: toolingBlockers(record.result),
    message: record.error ?? 'the setup did not finish',
  };
};

const attemptSummary = (r: AttemptRecord) => ({
  attempt: r.attempt,
  sessionId: r.sessionId,
  status: r.result?.status ?? null,
  error: r.error,
  probes: r.probes,
  verification: r.verification,
  rawResponses: r.rawResponses,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
});

/** PREPARING_EXECUTION_ENV (§10.5): copy inputs, run setup attempts with the backend's own verification. */
export function setupPhase(deps: ExecutionDeps): PhaseHandler {
  return async (ctx) => {
    const { ticket } = ctx;
    const worktree = ticket.worktreePath;
    if (!worktree) throw new PhaseError('The ticket has no worktree', ['EXECUTION_SETUP_FAILED']);
    const stored = await planArtifact(deps.artifacts, ticket);
    const plan = stored ? readStoredPlan(stored.content) : null;
    if (!stored || !plan) throw new PhaseError('There is no approved setup plan', ['EXECUTION_SETUP_FAILED']);
    const anchor = await startCommit(deps, ctx, worktree);
    const copy = await copyWorkspaceInputs(ctx.project.folderPath, worktree, plan.workspaceInputs);
    if (copy.problems.length)
      throw new PhaseError(
        `The approved workspace inputs cannot be copied: ${copy.problems.join('; ')}`,
        ['EXECUTION_SETUP_FAILED'],
        {
          problems: copy.problems,
        },
      );
    const beads = ((await readPlan(deps.artifacts, ticket))?.beads ?? [])
      .map((b) => `- ${b.id}: ${b.title} — test commands: ${b.testCommands.join(', ') || '(none)'}`)
      .join('\n');
    const budget = Math.max(1, ctx.settings.maxIterations);
    const history: AttemptOutcome[] = [];
    const records: AttemptRecord[] = [];
    const notes: string[] = [];
    const pending = await manualNote(deps, ctx);
    const report = async (status: string) =>
      deps.artifacts.write(
        ticket,
        ctx.status,
        REPORT_TYPE,
        JSON.stringify({
          status,
          budget,
          approvedPlanSha256: stored.contentSha256,
          attempts: records.map(attemptSummary),
          retryNotes: notes,
          commandDiff: records.at(-1)?.result
            ? diffSetupCommands(
                plan,
                records.at(-1)?.result?.profile.bootstrapCommands ?? [],
                plan.hostContext.preferredShell,
              )
            : null,
        }),
        { replace: true },
      );
    for (;;) {
      const attempt = records.length + 1;
      const isManual = pending !== null && attempt === 1;
      const base = setupPrompt({ ticket, plan, planRaw: stored.content, beads, attempt, budget });
      const text = isManual
        ? pending.note
        : notes.length
          ? `${base}\n\n## Notes from the previous attempt\n\n${notes.at(-1)}`
          : base;
      await deps.logs.milestone(
        ticket,
        ctx.status,
        `Workspace setup attempt ${attempt} of ${budget}${isManual ? ' (retry with note)' : ''}`,
      );
      const record = await runSetupAttempt(deps, ctx, {
        attempt,
        plan,
        text,
        timeoutMs: ctx.settings.executionSetupTimeout * 1000,
        ...(isManual && { continueSessionId: pending.sessionId }),
      });
      if (isManual)
        await deps.artifacts.write(
          ticket,
          ctx.status,
          MANUAL_NOTE_TYPE,
          JSON.stringify({ ...pending, consumed: true }),
          { replace: true },
        );
      records.push(record);
      const outcome = describeOutcome(record);
      history.push(outcome);
      // §4.4: a retry with note allows exactly one attempt beyond the automatic budget and stops after it.
      const step =
        isManual && outcome.kind !== 'accepted'
          ? { kind: 'stop' as const, reason: record.error ?? 'the manual retry failed' }
          : nextSetupStep(history, budget);
      for (const probe of record.probes)
        await deps.logs.write(ticket, {
          phase: ctx.status,
          phaseAttempt: ctx.phaseAttempt,
          kind: 'test',
          type: probe.exitCode === 0 && !probe.timedOut ? 'info' : 'error',
          message: `[SYS] probe ${probe.id} (${probe.kind}): ${probe.command} → ${probe.timedOut ? 'timed out' : `exit ${probe.exitCode}`}`,
        });
      if (step.kind === 'done' && record.result) {
        const profile = {
          ...record.result.profile,
          cautions: [...record.result.profile.cautions, ...(record.verification?.cautions ?? [])],
        };
        const content = `${JSON.stringify(profile, null, 2)}\n`;
        await deps.artifacts.write(ticket, ctx.status, 'execution_setup_profile', content);
        await writeFileAtomic(join(worktree, PROFILE_MIRROR), content);
        await report('ready');
        await deps.logs.milestone(ticket, ctx.status, `Workspace ready after ${attempt} attempt(s)`);
        return { event: 'EXECUTION_SETUP_READY' };
      }
      const note = await writeRetryNote(deps, ctx, record, setupNotePrompt(record.error ?? 'unknown failure'));
      if (note) notes.push(note);
      await deps.artifacts.write(ticket, ctx.status, RETRY_NOTES_TYPE, JSON.stringify({ notes }), { replace: true });
      // Reset to the setup start commit, keeping .ticket (and the tool cache); clear the stale profile and wrapper.
      await resetKeepingTicket(worktree, anchor);
      await clearSetupRuntime(worktree);
      if (step.kind !== 'retry') {
        await report('failed');
        throw new PhaseError(step.kind === 'stop' ? step.reason : 'Setup failed', ['EXECUTION_SETUP_FAILED'], {
          attempts: records.length,
          setupSessionId: record.sessionId,
        });
      }
      await report('retrying');
      await copyWorkspaceInputs(ctx.project.folderPath, worktree, plan.workspaceInputs);
    }
  };
}
