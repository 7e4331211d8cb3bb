import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const isLoopbackHost = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

/** Constant-time comparison of a presented secret with the expected one. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Spec README "Auth and limits": loopback needs no token; binding elsewhere requires one, sent as
 * `Authorization: Bearer <token>` or `X-LoopTroop-Token` (the CLI), or a session cookie the token was exchanged for
 * (the web app, session-auth.ts). `GET /api/health` stays open for probes. Never from the query string (§12).
 */
export function requireToken(token: string, hasSession: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || (req.baseUrl === '/api' && req.path === '/health')) return next();
    const bearer = req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const given = req.header('x-looptroop-token') ?? bearer;
    if ((given && tokenMatches(given, token)) || hasSession(req)) return next();
    sendError(res, 'unauthorized', 'Unauthorized: sign in, or send the API token as Authorization: Bearer <token>', {
      signIn: 'POST /api/auth/session {"token": "..."}',
    });
  };
}
