import type { TRPCRouterRecord } from '@trpc/server';
import { FileContent, FileInput, FilePutInput } from '../artifacts/files-schema.ts';
import { LogsInput, LogsOutput } from '../logs/schema.ts';
import { route } from '../trpc.ts';

const tags = ['files'];

// api-reference.txt: these routes are intentionally narrow — the folded log, and the interview and PRD documents.
export const filesRouter = {
  logs: route('GET', '/files/{ticketId}/logs', 'Folded execution log', { tags })
    .input(LogsInput)
    .output(LogsOutput)
    .query(async ({ ctx, input }) => {
      const { ticketId, ...filter } = input;
      return ctx.services.logs.read(await ctx.services.tickets.resolve(ticketId), filter);
    }),

  get: route('GET', '/files/{ticketId}/{file}', 'Read interview or prd', { tags })
    .input(FileInput)
    .output(FileContent)
    .query(async ({ ctx, input }) =>
      ctx.services.files.read(await ctx.services.tickets.resolve(input.ticketId), input.file),
    ),

  put: route('PUT', '/files/{ticketId}/{file}', 'Save interview or prd', { tags })
    .input(FilePutInput)
    .output(FileContent)
    .mutation(async ({ ctx, input }) =>
      ctx.services.files.write(await ctx.services.tickets.resolve(input.ticketId), input.file, input.content),
    ),
} satisfies TRPCRouterRecord;
