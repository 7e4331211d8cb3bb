import type { RouterOutputs } from '@looptroop/core';
import { type Command, requireArg, UsageError } from './context.ts';

type InterviewView = RouterOutputs['interview']['get'];

/** `--answer Q01=text` → `['Q01', 'text']`. */
function pairs(values: string[] = [], flag: string): [string, string][] {
  return values.map((value) => {
    const eq = value.indexOf('=');
    if (eq < 1) throw new UsageError(`--${flag} takes QUESTION_ID=VALUE`);
    return [value.slice(0, eq), value.slice(eq + 1)];
  });
}

function describeInterview(view: InterviewView): string {
  const batch = view.currentBatch;
  if (!batch)
    return view.document ? `Interview complete (${view.document.questions.length} questions)` : 'No questions yet';
  const commentary = batch.aiCommentary ? ` — ${batch.aiCommentary}` : '';
  return [
    `Batch ${batch.batchNumber} (${batch.progress.answered}/${batch.progress.total} answered)${commentary}`,
    ...batch.questions.flatMap((q) => [
      `  ${q.id} [${q.answer_type}] ${q.question}`,
      ...q.options.map((option) => `      ${option.id}: ${option.label}`),
    ]),
  ].join('\n');
}

/** `interview show REF` and `interview answer REF --answer Q01=text --select Q02=a,b --skip Q03`. */
export const interview: Command = async (ctx) => {
  const [verb] = ctx.args;
  if (verb !== 'show' && verb !== 'answer')
    throw new UsageError(`unknown interview command "${verb ?? ''}" (show, answer)`);
  const id = requireArg(ctx, 1, 'ticket reference');
  if (verb === 'show') {
    const view = await ctx.client.interview.get.query({ id });
    ctx.out.print(view, () => describeInterview(view));
    return 0;
  }
  const answers = Object.fromEntries(pairs(ctx.flags.answer, 'answer'));
  const selectedOptions = Object.fromEntries(
    pairs(ctx.flags.select, 'select').map(([question, value]) => [question, value.split(',')]),
  );
  const skipped = Object.fromEntries((ctx.flags.skip ?? []).map((question) => [question, true]));
  const result = await ctx.client.interview.answerBatch.mutate({ id, answers, selectedOptions, skipped });
  ctx.out.print(result, () =>
    'accepted' in result
      ? 'Answers saved; the next questions are on their way.'
      : `Batch ${result.batchNumber} is ready`,
  );
  return 0;
};
