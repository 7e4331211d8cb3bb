import type { Request, Response } from 'express';
import { type Options, rateLimit } from 'express-rate-limit';
import { sendError } from './error-body.ts';
import { isLoopbackHost } from './security.ts';

const MINUTE_MS = 60_000;

/** The client's address: the socket's, or X-Forwarded-For's when LOOPTROOP_TRUST_PROXY=1 (express `trust proxy`). */
const clientAddress = (req: Request) => (req.ip ?? '').replace(/^::ffff:/, '');

const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? '';

/** Spec README "Auth and limits": a local user is never limited, and neither is the health probe (§9.1). */
const isExempt = (req: Request) =>
  isLoopbackHost(clientAddress(req)) || (req.method === 'GET' && pathOf(req) === '/api/health');

function limiter(limit: number, what: string, applies: (req: Request) => boolean) {
  const options: Partial<Options> = {
    windowMs: MINUTE_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !applies(req) || isExempt(req),
    // express-rate-limit sets Retry-After (seconds) before calling this.
    handler: (_req: Request, res: Response) =>
      sendError(res, 'too_many_requests', `Too many requests: at most ${limit} ${what} a minute`, {
        limit,
        windowSeconds: MINUTE_MS / 1000,
      }),
    validate: { xForwardedForHeader: false },
  };
  return rateLimit(options);
}

const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';
/** REST `PUT …/ui-state`, or the same procedure over /trpc (how the web app autosaves drafts). */
const isAutosave = (req: Request) =>
  (req.method === 'PUT' && /\/ui-state$/.test(pathOf(req))) ||
  (req.method === 'POST' && pathOf(req) === '/trpc/tickets.putUiState');
const isSignIn = (req: Request) => req.method === 'POST' && pathOf(req) === '/api/auth/session';

/**
 * architecture.md §9.1 rate limits for remote clients: 200 reads, 120 writes and 300 UI-state autosaves a minute
 * (§17 open point 5: autosave is `PUT …/ui-state`), 429 `{ error, details }` with Retry-After. Sign-in gets its own,
 * much smaller budget: each try is a guess at the token.
 */
export function rateLimits() {
  return [
    limiter(10, 'sign-in attempts', isSignIn),
    limiter(200, 'reads', isRead),
    limiter(300, 'UI-state autosaves', isAutosave),
    limiter(120, 'writes', (req) => !isRead(req) && !isAutosave(req) && !isSignIn(req) && req.method !== 'OPTIONS'),
  ];
}
