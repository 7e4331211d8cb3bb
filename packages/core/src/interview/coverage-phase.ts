import { z } from 'zod';
import type { ArtifactService } from '../artifacts/service.ts';
import { coverageDisposition, coverageRunState, followUpBudget } from '../council/coverage.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import { writeInterviewDocument } from './qa-phase.ts';
import { ModelBatchQuestion } from './schema.ts';
import { applyBatch, formatAnswer, toBatchPayload } from './session.ts';
import { loadSession, saveSession } from './store.ts';

const STATUS = 'VERIFYING_INTERVIEW_COVERAGE';
const render = loadPrompt(new URL('./coverage.md', import.meta.url));

export const CoverageAudit = z.object({
  status: z.enum(['clean', 'gaps']),
  gaps: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  follow_up_questions: z.array(ModelBatchQuestion).default([]),
});
export type CoverageAudit = z.infer<typeof CoverageAudit>;

/**
 * VERIFYING_INTERVIEW_COVERAGE (workflow.md §7.6): the interview winner audits the answers; gaps within the pass cap
 * and the follow-up budget loop back with a targeted batch, otherwise the interview goes to approval (capped gaps
 * are recorded and shown there, never hidden).
 */
export function interviewCoveragePhase(deps: {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
}): PhaseHandler {
  return async (ctx) => {
    const session = await loadSession(deps.artifacts, ctx.ticket);
    if (!session) throw new PhaseError('The interview has no session to audit', ['COVERAGE_FAILED']);
    const passes = (await deps.artifacts.list(ctx.ticket, { phase: STATUS, artifactType: 'interview_coverage' }))
      .length;
    const run = coverageRunState(passes, ctx.locked.maxCoveragePasses);
    const budget = followUpBudget(
      ctx.locked.interviewQuestions,
      ctx.locked.coverageFollowUpBudgetPercent,
      session.coverageFollowUpsUsed,
    );
    const text = render({
      phaseTag: phaseTag(STATUS),
      ticketDetails: ticketDetails(ctx.ticket),
      answers: session.questions
        .map((q) => `- ${q.id}: ${q.question}\n  Answer: ${formatAnswer(q, session.answers[q.id])}`)
        .join('\n'),
      runNumber: String(run.runNumber),
      maxPasses: String(ctx.locked.maxCoveragePasses),
      isFinal: String(run.isFinalAllowedRun),
      budgetTotal: String(budget.total),
      budgetUsed: String(budget.used),
      budgetRemaining: String(budget.remaining),
      existingIds: [...session.questions.map((q) => q.id), 'QFF1'].join(', '),
    });
    const result = await callStructured(
      deps.opencode,
      {
        ticket: ctx.ticket,
        phase: STATUS,
        phaseAttempt: ctx.phaseAttempt,
        title: `${ctx.ticket.externalId} · interview coverage ${run.runNumber}`,
        model: session.winnerId,
        variant: ctx.locked.councilMemberVariants[session.winnerId] ?? null,
        text,
        timeoutMs: ctx.settings.councilResponseTimeout * 1000,
        signal: ctx.signal,
        resume: ctx.continuation,
        tools: { write: false, edit: false, bash: false, patch: false },
      },
      {
        schema: CoverageAudit,
        rootKeys: ['status', 'gaps', 'follow_up_questions'],
        listPrimaryKeys: { follow_up_questions: 'id' },
        formatReminder: 'A YAML document with status (clean|gaps), gaps (quoted strings) and follow_up_questions.',
      },
      ctx.locked.structuredRetryCount,
    );
    if (!result.ok)
      throw new PhaseError(`The coverage audit failed: ${result.error}`, ['COVERAGE_FAILED'], undefined, {
        cause: result.failure,
      });
    const existing = new Set([...session.questions.map((q) => q.id), 'QFF1']);
    const followUps = result.value.follow_up_questions.filter((q) => !existing.has(q.id)).slice(0, budget.remaining);
    const hasGaps = result.value.status === 'gaps' && (result.value.gaps.length > 0 || followUps.length > 0);
    const disposition = coverageDisposition({
      domain: 'interview',
      hasGaps,
      isFinalAllowedRun: run.isFinalAllowedRun,
      hasFollowUps: followUps.length > 0,
      remainingBudget: budget.remaining,
    });
    await deps.artifacts.write(
      ctx.ticket,
      STATUS,
      'interview_coverage',
      JSON.stringify({
        winnerId: session.winnerId,
        parsed: result.value,
        hasGaps,
        coverageRunNumber: run.runNumber,
        maxCoveragePasses: ctx.locked.maxCoveragePasses,
        limitReached: disposition.limitReached,
        terminationReason: disposition.reason,
        followUpBudgetPercent: ctx.locked.coverageFollowUpBudgetPercent,
        followUpBudgetTotal: budget.total,
        followUpBudgetUsed: budget.used,
        followUpBudgetRemaining: budget.remaining,
      }),
    );
    await deps.logs.milestone(ctx.ticket, STATUS, `Coverage pass ${run.runNumber}: ${disposition.reason}`, {
      gaps: result.value.gaps,
    });
    if (disposition.action === 'follow_up') {
      const { session: next } = applyBatch(
        { ...session, completedAt: null },
        { is_final_free_form: false, ai_commentary: result.value.gaps.join(' '), questions: followUps },
        'coverage',
        deps.clock.isoNow(),
      );
      await saveSession(deps.artifacts, ctx.ticket, next);
      await deps.events.publish('needs_input', {
        ticketId: ctx.ticket.externalId,
        type: 'interview_batch',
        batch: toBatchPayload(next),
      });
      return { event: 'GAPS_FOUND' };
    }
    await writeInterviewDocument(deps, ctx.ticket, session, STATUS);
    return { event: disposition.limitReached ? 'COVERAGE_LIMIT_REACHED' : 'COVERAGE_CLEAN' };
  };
}
