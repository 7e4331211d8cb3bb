import type { NextFunction, Request, Response } from 'express';

/** Characters left encoded: separators and `%` keep their meaning, control characters stay visible as escapes. */
const KEEP_ENCODED = new Set(['/', '?', '#', '%', '\\']);

/**
 * Issue 17: the REST adapter matched path parameters without decoding them, so `/api/tickets/3%3AREL-1` was a 400
 * while `/api/tickets/3:REL-1` worked. Printable ASCII escapes in the path are decoded before it matches; an encoded
 * `/` stays inside its parameter (and fails that parameter's validation), never becoming a separator.
 */
export function decodePathParams(req: Request, _res: Response, next: NextFunction) {
  const queryAt = req.url.indexOf('?');
  const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
  if (!path.includes('%')) return next();
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return char > ' ' && char < '\x7f' && !KEEP_ENCODED.has(char) ? char : encoded;
  });
  req.url = queryAt === -1 ? decoded : `${decoded}${req.url.slice(queryAt)}`;
  next();
}
