import type { TRPCRouterRecord } from '@trpc/server';
import { FileContent, FileInput, FilePutInput } from '../artifacts/files-schema.ts';
import { LogsInput, LogsOutput } from '../logs/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['files'];

// api-reference.txt: these routes are intentionally narrow — the folded log, and the interview and PRD documents.
export const filesRouter = {
  logs: publicProcedure
    .meta({
      openapi: { method: 'GET', path: '/files/{ticketId}/logs', protect: false, tags, summary: 'Folded execution log' },
    })
    .input(LogsInput)
    .output(LogsOutput)
    .query(async ({ ctx, input }) => {
      const { ticketId, ...filter } = input;
      return ctx.services.logs.read(await ctx.services.tickets.resolve(ticketId), filter);
    }),

  get: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/files/{ticketId}/{file}',
        protect: false,
        tags,
        summary: 'Read interview or prd',
      },
    })
    .input(FileInput)
    .output(FileContent)
    .query(async ({ ctx, input }) =>
      ctx.services.files.read(await ctx.services.tickets.resolve(input.ticketId), input.file),
    ),

  put: publicProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/files/{ticketId}/{file}',
        protect: false,
        tags,
        summary: 'Save interview or prd',
      },
    })
    .input(FilePutInput)
    .output(FileContent)
    .mutation(async ({ ctx, input }) =>
      ctx.services.files.write(await ctx.services.tickets.resolve(input.ticketId), input.file, input.content),
    ),
} satisfies TRPCRouterRecord;
