import type { Config } from '@looptroop/core';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * architecture.md §12: a state-changing request that names an Origin must come from the server's own origin (the
 * host *and port* the request was sent to: another local app on another port is another site) or from an origin
 * configured in LOOPTROOP_ALLOWED_ORIGINS (a reverse proxy's public origin). `Origin: null` (sandboxed frames,
 * file pages) is refused. A request without Origin is not a browser's cross-site request unless it is a simple
 * form post, which the JSON content-type rule (json-guard.ts) refuses.
 */
export function originGuard(config: Pick<Config, 'allowedOrigins'>) {
  const extra = new Set(config.allowedOrigins);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (SAFE_METHODS.has(req.method) || origin === undefined) return next();
    if (extra.has(origin.toLowerCase())) return next();
    const host = originHost(origin);
    if (host && host === req.headers.host?.toLowerCase()) return next();
    sendError(res, 'forbidden', 'Forbidden: cross-origin request', { origin });
  };
}
