import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/** Every expected failure the core can report. Each kind has exactly one HTTP status. */
export type ErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'bad_gateway';

interface KindMapping {
  code: TRPC_ERROR_CODE_KEY;
  status: number;
}

/** The one exhaustive table: error kind → tRPC code (for /trpc) and HTTP status (for /api). */
export const errorKindMapping: Record<ErrorKind, KindMapping> = {
  invalid_input: { code: 'BAD_REQUEST', status: 400 },
  not_found: { code: 'NOT_FOUND', status: 404 },
  conflict: { code: 'CONFLICT', status: 409 },
  // tRPC has no code for 410; the api adapter restores the status from `kind` (see api/src/error-body.ts).
  gone: { code: 'BAD_REQUEST', status: 410 },
  precondition_failed: { code: 'PRECONDITION_FAILED', status: 412 },
  unauthorized: { code: 'UNAUTHORIZED', status: 401 },
  forbidden: { code: 'FORBIDDEN', status: 403 },
  payload_too_large: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  unsupported_media_type: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  too_many_requests: { code: 'TOO_MANY_REQUESTS', status: 429 },
  unavailable: { code: 'SERVICE_UNAVAILABLE', status: 503 },
  bad_gateway: { code: 'BAD_GATEWAY', status: 502 },
};

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
    /** Fields the body carries at its top level too, where a spec puts them (workflow.md §14.4 stale approval). */
    readonly bodyFields?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, details?: unknown) => new AppError('not_found', `${what} not found`, details);
export const invalidInput = (message: string, details?: unknown) => new AppError('invalid_input', message, details);
export const conflict = (message: string, details?: unknown, bodyFields?: Record<string, unknown>) =>
  new AppError('conflict', message, details, bodyFields);
