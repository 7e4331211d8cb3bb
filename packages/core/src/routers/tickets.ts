import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { TicketIdParam } from '../tickets/ref.ts';
import {
  DeleteTicketResult,
  Ticket,
  TicketCreateInput,
  TicketListInput,
  TicketPatchInput,
  UiState,
  UiStateGetInput,
  UiStatePutInput,
} from '../tickets/schema.ts';
import { publicProcedure } from '../trpc.ts';

const tags = ['tickets'];
const IdInput = z.object({ id: TicketIdParam });

export const ticketsRouter = {
  list: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/tickets', protect: false, tags, summary: 'List tickets (?projectId=)' } })
    .input(TicketListInput)
    .output(z.array(Ticket))
    .query(({ ctx, input }) => ctx.services.tickets.list(input ?? {})),

  get: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/tickets/{id}', protect: false, tags, summary: 'Get one ticket' } })
    .input(IdInput)
    .output(Ticket)
    .query(({ ctx, input }) => ctx.services.tickets.get(input.id)),

  create: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/tickets', protect: false, tags, summary: 'Create a DRAFT ticket' },
      successStatus: 201,
    })
    .input(TicketCreateInput)
    .output(Ticket)
    .mutation(({ ctx, input }) => ctx.services.tickets.create(input)),

  update: publicProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/tickets/{id}',
        protect: false,
        tags,
        summary: 'Update title, description, priority',
      },
    })
    .input(TicketPatchInput)
    .output(Ticket)
    .mutation(({ ctx, input }) => ctx.services.tickets.update(input)),

  delete: publicProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/tickets/{id}',
        protect: false,
        tags,
        summary: 'Delete a COMPLETED or CANCELED ticket',
      },
    })
    .input(IdInput)
    .output(DeleteTicketResult)
    .mutation(({ ctx, input }) => ctx.services.tickets.remove(input.id)),

  uiState: publicProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tickets/{id}/ui-state',
        protect: false,
        tags,
        summary: 'Read persisted UI state',
      },
    })
    .input(UiStateGetInput)
    .output(UiState)
    .query(({ ctx, input }) => ctx.services.tickets.getUiState(input.id, input.scope)),

  putUiState: publicProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/tickets/{id}/ui-state',
        protect: false,
        tags,
        summary: 'Save persisted UI state',
      },
    })
    .input(UiStatePutInput)
    .output(UiState)
    .mutation(({ ctx, input }) =>
      ctx.services.tickets.putUiState(input.id, input.scope, input.data, input.expectedRevision),
    ),

  answer: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tickets/{id}/answer',
        protect: false,
        tags,
        summary: 'Deprecated: always 410, use answer-batch',
        deprecated: true,
      },
    })
    .input(z.object({ id: TicketIdParam }).passthrough())
    .output(z.object({ error: z.string() }))
    .mutation(() => {
      throw new AppError('gone', 'POST /answer is gone; use POST /api/tickets/{id}/answer-batch', {
        replacement: 'answer-batch',
      });
    }),
} satisfies TRPCRouterRecord;
