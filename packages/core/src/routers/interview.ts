import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  Answer,
  AnswerBatchInput,
  AnswerBatchResult,
  EditAnswerInput,
  InterviewAnswersInput,
  InterviewPutInput,
  InterviewView,
  SkipInput,
} from '../interview/schema.ts';
import { TicketIdParam } from '../tickets/ref.ts';
import { route } from '../trpc.ts';

const tags = ['interview'];

export const interviewRouter = {
  get: route('GET', '/tickets/{id}/interview', 'Interview payload: winnerId, raw, document, session, questions', {
    tags,
  })
    .input(z.object({ id: TicketIdParam }))
    .output(InterviewView)
    .query(({ ctx, input }) => ctx.services.interview.view(input.id)),

  put: route('PUT', '/tickets/{id}/interview', 'Save the raw interview YAML (approval gate)', { tags })
    .input(InterviewPutInput)
    .output(InterviewView)
    .mutation(({ ctx, input }) => ctx.services.interview.saveRaw(input.id, input.raw)),

  answerBatch: route(
    'POST',
    '/tickets/{id}/answer-batch',
    'Submit answers for the current batch (202 while the next one is prepared)',
    { tags },
  )
    .input(AnswerBatchInput)
    .output(AnswerBatchResult)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.interview.answerBatch(input);
      if ('accepted' in result) ctx.http.status = 202;
      return result;
    }),

  skip: route('POST', '/tickets/{id}/skip', 'Skip every remaining question and go to approval', { tags })
    .input(SkipInput)
    .output(z.object({ message: z.string(), ticketId: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.interview.skipAll(input)),

  editAnswer: route('PATCH', '/tickets/{id}/edit-answer', 'Edit a recorded answer while the interview runs', { tags })
    .input(EditAnswerInput)
    .output(z.object({ success: z.literal(true), questionId: z.string(), answer: Answer }))
    .mutation(({ ctx, input }) => ctx.services.interview.editRecordedAnswer(input.id, input.questionId, input.answer)),

  putAnswers: route('PUT', '/tickets/{id}/interview-answers', 'Save structured answers during approval', { tags })
    .input(InterviewAnswersInput)
    .output(InterviewView)
    .mutation(({ ctx, input }) => ctx.services.interview.saveAnswers(input.id, input.questions)),
} satisfies TRPCRouterRecord;
