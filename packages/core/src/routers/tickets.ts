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
import { route } from '../trpc.ts';

const tags = ['tickets'];
const IdInput = z.object({ id: TicketIdParam });

export const ticketsRouter = {
  list: route('GET', '/tickets', 'List tickets (?projectId=)', { tags })
    .input(TicketListInput)
    .output(z.array(Ticket))
    .query(({ ctx, input }) => ctx.services.tickets.list(input ?? {})),

  get: route('GET', '/tickets/{id}', 'Get one ticket', { tags })
    .input(IdInput)
    .output(Ticket)
    .query(({ ctx, input }) => ctx.services.tickets.get(input.id)),

  create: route('POST', '/tickets', 'Create a DRAFT ticket', { tags, successStatus: 201 })
    .input(TicketCreateInput)
    .output(Ticket)
    .mutation(({ ctx, input }) => ctx.services.tickets.create(input)),

  update: route('PATCH', '/tickets/{id}', 'Update title, description, priority', { tags })
    .input(TicketPatchInput)
    .output(Ticket)
    .mutation(({ ctx, input }) => ctx.services.tickets.update(input)),

  delete: route('DELETE', '/tickets/{id}', 'Delete a COMPLETED or CANCELED ticket', { tags })
    .input(IdInput)
    .output(DeleteTicketResult)
    .mutation(({ ctx, input }) => ctx.services.tickets.remove(input.id)),

  uiState: route('GET', '/tickets/{id}/ui-state', 'Read persisted UI state', { tags })
    .input(UiStateGetInput)
    .output(UiState)
    .query(({ ctx, input }) => ctx.services.tickets.getUiState(input.id, input.scope)),

  putUiState: route('PUT', '/tickets/{id}/ui-state', 'Save persisted UI state', { tags })
    .input(UiStatePutInput)
    .output(UiState)
    .mutation(({ ctx, input }) =>
      ctx.services.tickets.putUiState(input.id, input.scope, input.data, input.expectedRevision),
    ),

  answer: route('POST', '/tickets/{id}/answer', 'Deprecated: always 410, use answer-batch', { tags, deprecated: true })
    .input(z.object({ id: TicketIdParam }).passthrough())
    .output(z.object({ error: z.string() }))
    .mutation(() => {
      throw new AppError('gone', 'POST /answer is gone; use POST /api/tickets/{id}/answer-batch', {
        replacement: 'answer-batch',
      });
    }),
} satisfies TRPCRouterRecord;
