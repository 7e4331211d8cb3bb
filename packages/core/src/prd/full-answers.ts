import { parse } from 'yaml';
import { z } from 'zod';
import { callMember, councilMembersOf, READ_ONLY_TOOLS } from '../council/index.ts';
import { InterviewDocument } from '../interview/schema.ts';
import { type PhaseContext, PhaseError } from '../lifecycle/phase.ts';
import { type PlanningDeps, relevantFilesText, yamlOf } from '../planning/steps.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';

// workflow.md §8.1 Full Answers: before drafting a PRD, each council member fills the interview answers the user
// skipped, as an answer-only overlay merged onto the approved interview.

const renderFullAnswers = loadPrompt(new URL('./full-answers.md', import.meta.url));

/** One member's Full Answers (workflow.md §8.1), stored per attempt in `prd_full_answers`. */
const FullAnswersRow = z.object({
  memberId: z.string(),
  status: z.enum(['completed', 'timed_out', 'invalid_output', 'failed']),
  /** The interview with every skipped answer filled (YAML); null unless completed. */
  content: z.string().nullable(),
  /** No answer was skipped: built without a model call. */
  synthesized: z.boolean(),
  error: z.string().nullable(),
});
const FullAnswersRecord = z.object({ members: z.array(FullAnswersRow) });
export type FullAnswersRecord = z.infer<typeof FullAnswersRecord>;

export async function approvedInterview(deps: PlanningDeps, ticket: TicketRow) {
  const stored = await deps.artifacts.latest(ticket, 'interview');
  const document = stored ? InterviewDocument.safeParse(parse(stored.content)) : null;
  if (!stored || !document?.success)
    throw new PhaseError('There is no valid approved interview to write a PRD from', ['INTERMEDIATE_DATA_LOST']);
  return { document: document.data, sha256: stored.contentSha256 };
}

/** The answer-only overlay a member returns for the skipped questions; the id set must match exactly (§8.1). */
function overlaySchema(skippedIds: readonly string[]) {
  return z
    .object({
      answers: z.array(
        z.object({
          id: z.union([z.string(), z.number()]).transform(String),
          free_text: z.union([z.string(), z.number()]).transform(String).default(''),
          selected_option_ids: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
        }),
      ),
    })
    .superRefine((value, issue) => {
      const got = new Set(value.answers.map((a) => a.id));
      const missing = skippedIds.filter((id) => !got.has(id));
      const extra = [...got].filter((id) => !skippedIds.includes(id));
      if (missing.length || extra.length) {
        issue.addIssue({
          code: 'custom',
          message: `answers must cover exactly the skipped ids ${skippedIds.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not skipped: ${extra.join(', ')}` : ''}`,
        });
      }
      for (const a of value.answers) {
        if (!a.free_text.trim() && !a.selected_option_ids.length)
          issue.addIssue({ code: 'custom', message: `answer ${a.id} is empty` });
      }
    });
}

function mergeOverlay(
  interview: InterviewDocument,
  answers: { id: string; free_text: string; selected_option_ids: string[] }[],
  now: string,
): InterviewDocument {
  const byId = new Map(answers.map((a) => [a.id, a]));
  return {
    ...interview,
    status: 'draft',
    approval: { approved_by: '', approved_at: '' },
    questions: interview.questions.map((q) => {
      const filled = byId.get(q.id);
      if (!filled || !q.answer.skipped) return q;
      const options = new Set(q.options.map((o) => o.id));
      return {
        ...q,
        answer: {
          skipped: false,
          free_text: filled.free_text.trim(),
          selected_option_ids: filled.selected_option_ids.filter((id) => options.has(id)),
          answered_by: 'ai_skip',
          answered_at: now,
        },
      };
    }),
  };
}

/** §8.1: every member fills the skipped answers in parallel (or none, when nothing was skipped). Resumable. */
export async function fullAnswersStep(deps: PlanningDeps, ctx: PhaseContext): Promise<FullAnswersRecord> {
  const members = councilMembersOf(ctx.locked);
  const stored = await deps.artifacts.latest(ctx.ticket, 'prd_full_answers', {
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
  });
  const previous = stored ? FullAnswersRecord.safeParse(JSON.parse(stored.content)) : null;
  const kept = new Map(
    (previous?.success ? previous.data.members : [])
      .filter((m) => m.status === 'completed')
      .map((m) => [m.memberId, m]),
  );
  const { document } = await approvedInterview(deps, ctx.ticket);
  const skipped = document.questions.filter((q) => q.answer.skipped);
  const relevantFiles = await relevantFilesText(deps.artifacts, ctx.ticket);
  const deadlineMs = deps.clock.now().getTime() + ctx.settings.councilResponseTimeout * 1000;
  const rows = await Promise.all(
    members.map(async (member): Promise<z.infer<typeof FullAnswersRow>> => {
      const done = kept.get(member.modelId);
      if (done) return done;
      if (!skipped.length) {
        return {
          memberId: member.modelId,
          status: 'completed',
          content: yamlOf(document),
          synthesized: true,
          error: null,
        };
      }
      const result = await callMember(deps.opencode, {
        run: {
          ticket: ctx.ticket,
          phase: ctx.status,
          phaseAttempt: ctx.phaseAttempt,
          memberId: member.modelId,
          title: `${ctx.ticket.externalId} · prd full answers · ${member.modelId}`,
          model: member.modelId,
          variant: member.variant,
          text: renderFullAnswers({
            phaseTag: phaseTag(ctx.status),
            ticketDetails: ticketDetails(ctx.ticket),
            relevantFiles,
            interview: yamlOf(document),
            skipped: skipped
              .map(
                (q) =>
                  `- ${q.id}: ${q.prompt}${q.options.length ? ` (options: ${q.options.map((o) => o.id).join(', ')})` : ''}`,
              )
              .join('\n'),
          }),
          tools: { ...READ_ONLY_TOOLS },
          signal: ctx.signal,
        },
        spec: {
          schema: overlaySchema(skipped.map((q) => q.id)),
          rootKeys: ['answers'],
          listPrimaryKeys: { answers: 'id' },
          formatReminder:
            'A YAML document `answers:` with one {id, free_text, selected_option_ids} per skipped question.',
        },
        retries: ctx.locked.structuredRetryCount,
        deadlineMs,
        clock: deps.clock,
      });
      if (result.outcome !== 'completed') {
        // §5.8: the malformed text is never copied in; the row only says why.
        return {
          memberId: member.modelId,
          status: result.outcome,
          content: null,
          synthesized: false,
          error: result.error,
        };
      }
      const filled = mergeOverlay(document, result.value.answers, deps.clock.isoNow());
      return {
        memberId: member.modelId,
        status: 'completed',
        content: yamlOf(filled),
        synthesized: false,
        error: null,
      };
    }),
  );
  const record = { members: rows };
  await deps.artifacts.write(ctx.ticket, ctx.status, 'prd_full_answers', JSON.stringify(record), { replace: true });
  return record;
}

export async function fullAnswersRecord(deps: PlanningDeps, ticket: TicketRow) {
  const stored = await deps.artifacts.latest(ticket, 'prd_full_answers', { phase: 'DRAFTING_PRD' });
  const parsed = stored ? FullAnswersRecord.safeParse(JSON.parse(stored.content)) : null;
  if (!parsed?.success)
    throw new PhaseError('The Full Answers were lost; retry the PRD drafting', ['INTERMEDIATE_DATA_LOST']);
  return parsed.data;
}
