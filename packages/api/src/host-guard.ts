import type { Config } from '@looptroop/core';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** The host name of a Host header (`evil.example:3400` → `evil.example`, `[::1]:3000` → `[::1]`), or null. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/**
 * The Host names a request may carry, or null when any is accepted. architecture.md §12 host guard: a page on
 * another site that rebinds its own name to 127.0.0.1 sends its own name in Host, so only loopback names, the bind
 * host and the configured names (LOOPTROOP_ALLOWED_HOSTS, for a reverse proxy) pass. Bound to a wildcard address
 * with no names configured (only possible with a token, see server.ts), every request needs the token anyway and the
 * guard stands aside, as §12 does when the remote API is opted in; `*` says the same explicitly.
 */
export function allowedHostNames(config: Pick<Config, 'host' | 'allowedHosts'>): Set<string> | null {
  if (config.allowedHosts.includes('*')) return null;
  const bind = config.host.toLowerCase();
  if (WILDCARD_BINDS.has(bind) && config.allowedHosts.length === 0) return null;
  const bindName = hostName(bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind);
  const names = [...LOOPBACK_NAMES, ...config.allowedHosts.map((name) => hostName(name) ?? name)];
  if (bindName && !WILDCARD_BINDS.has(bind)) names.push(bindName);
  return new Set(names);
}

/** 403 for a Host header outside the allowed names (DNS rebinding), on every route the server answers. */
export function hostGuard(config: Pick<Config, 'host' | 'allowedHosts'>) {
  const allowed = allowedHostNames(config);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!allowed) return next();
    const name = hostName(req.headers.host);
    if (name && allowed.has(name)) return next();
    sendError(res, 'forbidden', 'Forbidden: unknown Host header (set LOOPTROOP_ALLOWED_HOSTS to add a name)', {
      host: req.headers.host ?? null,
    });
  };
}
