import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { Services } from './context.ts';
import { AppError, type ErrorKind, errorKindMapping } from './errors.ts';

export interface AppMeta extends OpenApiMeta {
  /** HTTP status for a successful call (201 for creates); dynamic statuses go through ctx.http. */
  successStatus?: number;
}

/** Per-request context: the long-lived services plus a slot the api adapter reads the success status from. */
export interface TrpcContext {
  services: Services;
  http: { status?: number; headers?: Record<string, string> };
}

/** The error body both transports carry: `{ error, details }` plus the kind the api maps to a status. */
export interface ErrorBody {
  error: string;
  details?: unknown;
  kind: ErrorKind | 'internal';
  /** Extra top-level fields some errors carry (AppError.bodyFields). */
  [field: string]: unknown;
}

export function toErrorBody(error: TRPCError): ErrorBody {
  const cause = error.cause;
  if (cause instanceof AppError) {
    // The spec's top-level fields first, so they can never replace error, details or kind.
    return { ...cause.bodyFields, error: cause.message, details: cause.details, kind: cause.kind };
  }
  if (cause instanceof ZodError) return { error: 'Invalid input', details: cause.issues, kind: 'invalid_input' };
  switch (error.code) {
    case 'INTERNAL_SERVER_ERROR':
      return { error: 'Internal server error', kind: 'internal' };
    case 'PARSE_ERROR':
      return { error: 'Malformed JSON body', kind: 'invalid_input' };
    case 'PAYLOAD_TOO_LARGE':
      return { error: 'Request body too large', kind: 'payload_too_large' };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { error: 'Request bodies must be JSON (Content-Type: application/json)', kind: 'unsupported_media_type' };
    case 'NOT_FOUND':
      return { error: error.message === 'Not found' ? 'Not found' : error.message, kind: 'not_found' };
    default:
      return { error: error.message, kind: 'invalid_input' };
  }
}

const t = initTRPC
  .meta<AppMeta>()
  .context<TrpcContext>()
  .create({
    isDev: false, // never put stack traces in error bodies
    errorFormatter({ shape, error }) {
      const body = toErrorBody(error);
      // A spec's top-level fields win over tRPC's own `data` (§9.2's ui-state conflict answers `{conflict, data,
      // revision}`); tRPC clients here read `error`, `details` and `kind`, never `data`.
      const fields = error.cause instanceof AppError ? error.cause.bodyFields : undefined;
      return { ...body, message: body.error, code: shape.code, data: { ...shape.data, stack: undefined }, ...fields };
    },
  });

/** Expected failures are AppErrors; give each its tRPC code here so routers never choose one. */
const mapAppErrors = t.middleware(async ({ next, meta, ctx }) => {
  if (meta?.successStatus) ctx.http.status = meta.successStatus;
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: errorKindMapping[cause.kind].code, message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapAppErrors);
export const createCallerFactory = t.createCallerFactory;

export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one REST builder (STYLE §2 "the REST path and method live in the meta"): method, path (below /api), summary
 * and tags become the OpenAPI meta; `successStatus` is the status of a successful call (201 for creates).
 */
export function route(
  method: RestMethod,
  path: `/${string}`,
  summary: string,
  options: { tags: string[]; successStatus?: number; deprecated?: boolean },
) {
  const { successStatus, ...doc } = options;
  return publicProcedure.meta({ openapi: { method, path, protect: false, summary, ...doc }, successStatus });
}
