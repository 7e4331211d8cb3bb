import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  OpencodeQuestion,
  QuestionListInput,
  QuestionRejectInput,
  QuestionReplyInput,
  QuestionResolved,
} from '../opencode/schema.ts';
import { route } from '../trpc.ts';

const tags = ['opencode questions'];
const base = '/tickets/{id}/opencode/questions';

export const opencodeQuestionsRouter = {
  list: route('GET', base, 'Pending agent questions', { tags })
    .input(QuestionListInput)
    .output(z.array(OpencodeQuestion))
    .query(async ({ ctx, input }) => ctx.services.opencode.questions(await ctx.services.tickets.resolve(input.id))),

  reply: route('POST', `${base}/{requestId}/reply`, 'Answer an agent question', { tags })
    .input(QuestionReplyInput)
    .output(QuestionResolved)
    .mutation(async ({ ctx, input }) =>
      ctx.services.opencode.reply(await ctx.services.tickets.resolve(input.id), input.requestId, input.answers),
    ),

  reject: route('POST', `${base}/{requestId}/reject`, 'Reject an agent question', { tags })
    .input(QuestionRejectInput)
    .output(QuestionResolved)
    .mutation(async ({ ctx, input }) =>
      ctx.services.opencode.reject(await ctx.services.tickets.resolve(input.id), input.requestId),
    ),
} satisfies TRPCRouterRecord;
