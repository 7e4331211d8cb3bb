import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan, nulPath } from './json-limits.ts';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json`, in any case, with or without parameters (`; charset=utf-8`). */
export const isJsonContentType = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? '');

/**
 * Issue 17: every body-carrying route (POST, PUT, PATCH) requires a JSON content type, empty bodies included. The
 * content types an HTML form or a no-preflight fetch can send from another site (none, text/plain, urlencoded,
 * multipart) are exactly the ones this refuses with 415; a JSON request from another origin needs a CORS preflight,
 * which the server never grants.
 */
export function requireJsonContentType(req: Request, res: Response, next: NextFunction) {
  if (!WITH_BODY.has(req.method) || isJsonContentType(req.headers['content-type'])) return next();
  sendError(res, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json)', {
    contentType: req.headers['content-type'] ?? null,
  });
}

const jsonKind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** How long, and how much, an over-limit body is read and discarded so its sender can read the 413. */
const DRAIN_LIMIT_MS = 10_000;
const DRAIN_LIMIT_FACTOR = 4;

/**
 * Issue 17: answering 413 and closing at once made Node's fetch fail with EPIPE while it was still uploading. The
 * answer goes out first, then the rest of the body is read and dropped (bounded in bytes and time; past either the
 * socket is closed) so the client finishes its upload and reads the 413.
 */
function refuseTooLarge(req: Request, res: Response, maxBytes: number, received: number) {
  sendError(res, 'payload_too_large', 'Request body too large', { limitBytes: maxBytes });
  let drained = received;
  const stop = setTimeout(() => req.socket.destroy(), DRAIN_LIMIT_MS);
  stop.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxBytes * DRAIN_LIMIT_FACTOR) req.socket.destroy();
  });
  req.on('end', () => clearTimeout(stop));
  req.on('close', () => clearTimeout(stop));
  req.resume();
}

/** Where the parsed body goes: the REST adapter reads an object (`{}` when empty), tRPC reads the text itself. */
export type BodyTarget = 'rest' | 'trpc';

/**
 * architecture.md §9.1 JSON guard, run after requireJsonContentType and before both adapters: reads the body with a
 * size cap (413) and refuses malformed JSON, nesting deeper than MAX_JSON_DEPTH and NUL characters (400), so neither
 * adapter ever sees such input. An empty REST body is `{}` so actions such as `POST /cancel` work without one.
 */
export function jsonGuard(maxBytes: number, target: BodyTarget = 'rest') {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!WITH_BODY.has(req.method)) return next();
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return refuseTooLarge(req, res, maxBytes, 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      refused = true;
      req.off('data', onData);
      refuseTooLarge(req, res, maxBytes, size);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString('utf8');
      // Both adapters match the content type case-sensitively; requireJsonContentType already checked it.
      req.headers['content-type'] = 'application/json';
      if (!text.trim()) {
        req.body = target === 'rest' ? {} : undefined;
        return next();
      }
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        return sendError(res, 'invalid_input', 'JSON body nested too deeply', { maxDepth: MAX_JSON_DEPTH });
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        return sendError(res, 'invalid_input', 'Malformed JSON body', {
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      // Every REST input is an object; the REST adapter spreads the body with the path parameters, which turned a
      // 1 MB JSON string into a million keys (seconds of work and a 40 MB error body).
      if (target === 'rest' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
        return sendError(res, 'invalid_input', 'JSON body must be an object', { received: jsonKind(body) });
      }
      const nulAt = nulPath(body);
      if (nulAt) return sendError(res, 'invalid_input', 'Text must not contain NUL characters', { path: nulAt });
      req.body = target === 'rest' ? body : text;
      next();
    });
    req.on('error', () => {
      if (!refused && !res.headersSent) sendError(res, 'invalid_input', 'Could not read the request body');
    });
  };
}
