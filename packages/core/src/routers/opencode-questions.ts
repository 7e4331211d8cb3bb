import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  OpencodeQuestion,
  QuestionListInput,
  QuestionRejectInput,
  QuestionReplyInput,
  QuestionResolved,
} from '../opencode/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['opencode questions'];
const base = '/tickets/{id}/opencode/questions';

export const opencodeQuestionsRouter = {
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: base, protect: false, tags, summary: 'Pending agent questions' } })
    .input(QuestionListInput)
    .output(z.array(OpencodeQuestion))
    .query(async ({ ctx, input }) => ctx.services.opencode.questions(await ctx.services.tickets.resolve(input.id))),

  reply: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/{requestId}/reply`,
        protect: false,
        tags,
        summary: 'Answer an agent question',
      },
    })
    .input(QuestionReplyInput)
    .output(QuestionResolved)
    .mutation(async ({ ctx, input }) =>
      ctx.services.opencode.reply(await ctx.services.tickets.resolve(input.id), input.requestId, input.answers),
    ),

  reject: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: `${base}/{requestId}/reject`,
        protect: false,
        tags,
        summary: 'Reject an agent question',
      },
    })
    .input(QuestionRejectInput)
    .output(QuestionResolved)
    .mutation(async ({ ctx, input }) =>
      ctx.services.opencode.reject(await ctx.services.tickets.resolve(input.id), input.requestId),
    ),
} satisfies TRPCRouterRecord;
