import { type ErrorBody, type ErrorKind, errorKindMapping, toErrorBody } from '@looptroop/core';
import type { TRPCError } from '@trpc/server';
import type { Response } from 'express';

/** The one place an error kind becomes an HTTP status. */
export function statusForKind(kind: ErrorKind | 'internal'): number {
  return kind === 'internal' ? 500 : errorKindMapping[kind].status;
}

export function statusForError(error: TRPCError): number {
  return statusForKind(toErrorBody(error).kind);
}

/** For the hand-written routes (stream, JSON guard, 404s): the same `{ error, details }` body. */
export function sendError(res: Response, kind: ErrorKind | 'internal', error: string, details?: unknown): void {
  const body: Omit<ErrorBody, 'kind'> = details === undefined ? { error } : { error, details };
  res.status(statusForKind(kind)).json(body);
}
