import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { sendError } from './error-body.ts';
import { tokenMatches } from './security.ts';

export const SESSION_COOKIE = 'looptroop_session';
const SignInInput = z.object({ token: z.string().min(1) }).strict();
const SESSION_TTL_MS = 12 * 60 * 60 * 1000; // architecture.md §9.2: Max-Age 12 h
const MAX_SESSIONS = 256;

/** The sessions of this process: random ids → expiry. Restarting the server signs everyone out. */
export class SessionStore {
  readonly #expiries = new Map<string, number>();

  create(now = Date.now()): string {
    this.prune(now);
    // Oldest first: a flood of sign-ins (each needs the token) cannot grow the map without bound.
    while (this.#expiries.size >= MAX_SESSIONS) this.#expiries.delete(this.#expiries.keys().next().value ?? '');
    const id = randomBytes(32).toString('hex');
    this.#expiries.set(id, now + SESSION_TTL_MS);
    return id;
  }

  isValid(id: string | undefined, now = Date.now()): boolean {
    if (!id) return false;
    const expiry = this.#expiries.get(id);
    return expiry !== undefined && expiry > now;
  }

  delete(id: string | undefined): void {
    if (id) this.#expiries.delete(id);
  }

  private prune(now: number) {
    for (const [id, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(id);
  }
}

/** The session id from the Cookie header, if any. */
export function sessionId(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function cookie(req: Request, value: string, maxAgeSeconds: number): string {
  // Path=/ (not /api as in §9.2): the web app also calls /trpc. Secure when the request came over TLS (a proxy).
  const secure = req.secure ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

/**
 * Issue 17 / architecture.md §12 "Browser session": the web app cannot send the API token (EventSource sets no
 * headers, and a token in the URL leaks into logs), so it exchanges the token once for an HttpOnly, SameSite=Strict
 * cookie. GET says whether a token is needed and whether this browser has a session; POST {token} signs in; DELETE
 * signs out. Mounted before the token check, and only these three answer without a token.
 */
export function sessionRoutes(token: string | undefined, sessions: SessionStore) {
  const router = express.Router();
  router.get('/', (req, res) => {
    res.json({ tokenRequired: Boolean(token), authenticated: !token || sessions.isValid(sessionId(req)) });
  });
  router.post('/', (req: Request, res: Response) => {
    const input = SignInInput.safeParse(req.body);
    if (!input.success) return sendError(res, 'invalid_input', 'Invalid input', input.error.issues);
    if (!token) return res.json({ ok: true });
    if (!tokenMatches(input.data.token, token)) {
      return sendError(res, 'unauthorized', 'Wrong token', {
        expected: 'the LOOPTROOP_API_TOKEN the server runs with',
      });
    }
    res.setHeader('Set-Cookie', cookie(req, sessions.create(), SESSION_TTL_MS / 1000));
    res.json({ ok: true });
  });
  router.delete('/', (req, res) => {
    sessions.delete(sessionId(req));
    res.setHeader('Set-Cookie', cookie(req, '', 0));
    res.json({ ok: true });
  });
  return router;
}
