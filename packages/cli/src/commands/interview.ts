import { type CommandContext, requireArg, UsageError } from './context.ts';

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

function pairs(values: string[], flag: string): [string, string][] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq < 1) throw new UsageError(`--${flag} takes QUESTION_ID=VALUE`);
    return [v.slice(0, eq), v.slice(eq + 1)];
  });
}

/** `interview show REF` and `interview answer REF --answer Q01=text --select Q02=a,b --skip Q03`. */
export async function interview(ctx: CommandContext): Promise<number> {
  const [verb] = ctx.args;
  const id = requireArg(ctx, 1, 'ticket reference');
  if (verb === 'show') {
    const view = await ctx.client.interview.get.query({ id });
    ctx.out.print(view, () => {
      const batch = view.currentBatch;
      if (!batch)
        return view.document ? `Interview complete (${view.document.questions.length} questions)` : 'No questions yet';
      return [
        `Batch ${batch.batchNumber} (${batch.progress.answered}/${batch.progress.total} answered)${batch.aiCommentary ? ` — ${batch.aiCommentary}` : ''}`,
        ...batch.questions.map((q) =>
          [`  ${q.id} [${q.answer_type}] ${q.question}`, ...q.options.map((o) => `      ${o.id}: ${o.label}`)].join(
            '\n',
          ),
        ),
      ].join('\n');
    });
    return 0;
  }
  if (verb === 'answer') {
    const answers = Object.fromEntries(pairs(list(ctx.flags.answer), 'answer'));
    const selectedOptions = Object.fromEntries(
      pairs(list(ctx.flags.select), 'select').map(([q, v]) => [q, v.split(',')]),
    );
    const skipped = Object.fromEntries(list(ctx.flags.skip).map((q) => [q, true]));
    const result = await ctx.client.interview.answerBatch.mutate({ id, answers, selectedOptions, skipped });
    ctx.out.print(result, () =>
      'accepted' in result
        ? 'Answers saved; the next questions are on their way.'
        : `Batch ${result.batchNumber} is ready`,
    );
    return 0;
  }
  throw new UsageError(`unknown interview command "${verb ?? ''}"`);
}
