import type { AppRouter } from '@looptroop/core';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

export type Client = ReturnType<typeof createClient>;

/** A typed client of the server's tRPC procedures: no hand-written request shapes. */
export function createClient(url: string) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url.replace(/\/$/, '')}/trpc` })] });
}

/** A readable one-line message for any client failure. */
export function describeError(error: unknown, url: string): { message: string; unreachable: boolean } {
  if (error instanceof TRPCClientError) {
    const cause = error.cause as { code?: string } | undefined; // fetch failures carry a system error code
    if (!error.data && (cause?.code === 'ECONNREFUSED' || /fetch failed/i.test(error.message))) {
      return { message: `LoopTroop is not reachable at ${url}. Start it with \`looptroop start\`.`, unreachable: true };
    }
    return { message: error.message, unreachable: false };
  }
  return { message: error instanceof Error ? error.message : String(error), unreachable: false };
}
