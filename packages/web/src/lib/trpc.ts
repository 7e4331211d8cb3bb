import type { AppRouter, RouterInputs, RouterOutputs } from '@looptroop/core';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

// Type-only import of the router: the web app never bundles server code.
export const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/trpc' })] });

export type Ticket = RouterOutputs['tickets']['get'];
export type Project = RouterOutputs['projects']['get'];
export type Profile = NonNullable<RouterOutputs['profile']['get']>;
export type ProfileInput = RouterInputs['profile']['create'];
export type InterviewView = RouterOutputs['interview']['get'];
export type WorkflowMeta = RouterOutputs['workflow']['meta'];

/** The server's `{ error }` message for a failed call, or the transport error. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const shape = error.shape as { error?: string } | undefined; // our errorFormatter puts `error` on the shape
    return shape?.error ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
