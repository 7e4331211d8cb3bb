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
import { publicProcedure } from '../trpc.ts';

const tags = ['interview'];
const route = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', path: string, summary: string) =>
  publicProcedure.meta({ openapi: { method, path: `/tickets/{id}/${path}`, protect: false, tags, summary } });

export const interviewRouter = {
  get: route('GET', 'interview', 'Interview payload: winnerId, raw, document, session, questions')
    .input(z.object({ id: TicketIdParam }))
    .output(InterviewView)
    .query(({ ctx, input }) => ctx.services.interview.view(input.id)),

  put: route('PUT', 'interview', 'Save the raw interview YAML (approval gate)')
    .input(InterviewPutInput)
    .output(InterviewView)
    .mutation(({ ctx, input }) => ctx.services.interview.saveRaw(input.id, input.raw)),

  answerBatch: route(
    'POST',
    'answer-batch',
    'Submit answers for the current batch (202 while the next one is prepared)',
  )
    .input(AnswerBatchInput)
    .output(AnswerBatchResult)
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.services.interview.answerBatch(input);
      if ('accepted' in result) ctx.http.status = 202;
      return result;
    }),

  skip: route('POST', 'skip', 'Skip every remaining question and go to approval')
    .input(SkipInput)
    .output(z.object({ message: z.string(), ticketId: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.interview.skipAll(input)),

  editAnswer: route('PATCH', 'edit-answer', 'Edit a recorded answer while the interview runs')
    .input(EditAnswerInput)
    .output(z.object({ success: z.literal(true), questionId: z.string(), answer: Answer }))
    .mutation(({ ctx, input }) => ctx.services.interview.editRecordedAnswer(input.id, input.questionId, input.answer)),

  putAnswers: route('PUT', 'interview-answers', 'Save structured answers during approval')
    .input(InterviewAnswersInput)
    .output(InterviewView)
    .mutation(({ ctx, input }) => ctx.services.interview.saveAnswers(input.id, input.questions)),
} satisfies TRPCRouterRecord;
