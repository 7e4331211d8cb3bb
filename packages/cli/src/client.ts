import type { AppRouter } from '@looptroop/core';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';

/** Where the server is, and the headers every request carries (the API token, when the server needs one). */
export interface ServerAddress {
  url: string;
  headers: Record<string, string>;
}

export type Client = ReturnType<typeof createClient>;

export function serverAddress(url: string, token: string | undefined): ServerAddress {
  return { url: url.replace(/\/+$/, ''), headers: token ? { authorization: `Bearer ${token}` } : {} };
}

/** A typed client of the server's tRPC procedures: no hand-written request shapes. */
export function createClient(server: ServerAddress) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: server.headers })] });
}

/** A plain HTTP request to the server (SSE, OpenAPI), with the same headers as the tRPC client. */
export function fetchServer(server: ServerAddress, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { ...server.headers, ...init.headers } });
}

/** A non-2xx answer from a plain HTTP request, with the server's `{ error, details }` body when it sent one. */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function serverError(res: Response, what: string): Promise<ServerError> {
  const body: unknown = await res.json().catch(() => null);
  const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${what} answered ${res.status}`;
  return new ServerError(message, res.status);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when the error (or one of its causes) says nothing answered at the address. */
export function isUnreachable(error: unknown): boolean {
  for (let current = error; isRecord(current); current = current.cause) {
    if (typeof current.code === 'string' && CONNECTION_CODES.has(current.code)) return true;
    if (current instanceof TypeError && current.message === 'fetch failed') return true;
  }
  return false;
}

/**
 * One indented line per problem in an error's `details`: zod issues (`path: message`), a plan's issues
 * (`{ issues: [{ beadId, field, message }] }`, each message names its bead) or a parser's `{ reason }`.
 */
function describeDetails(details: unknown): string[] {
  if (Array.isArray(details)) {
    return details.filter(isRecord).map((issue) => {
      const path = Array.isArray(issue.path) ? issue.path.join('.') : '';
      return `  ${path ? `${path}: ` : ''}${String(issue.message)}`;
    });
  }
  if (!isRecord(details)) return [];
  if (Array.isArray(details.issues)) return details.issues.filter(isRecord).map((i) => `  ${String(i.message)}`);
  return typeof details.reason === 'string'
    ? details.reason
        .trimEnd()
        .split('\n')
        .map((line) => `  ${line}`)
    : [];
}

/** A readable message for any failure, naming the address when nothing answers there. */
export function describeError(error: unknown, url: string): string {
  if (isUnreachable(error)) return `LoopTroop is not reachable at ${url}. Start it with \`looptroop start\`.`;
  if (error instanceof TRPCClientError) {
    const shape: unknown = error.shape;
    const details = isRecord(shape) ? describeDetails(shape.details) : [];
    return [error.message, ...details].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
