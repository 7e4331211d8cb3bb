import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';

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

/**
 * architecture.md §9.1 JSON guard, run before the REST adapter (after requireJsonContentType): reads the body with a
 * size cap (413) and refuses malformed JSON (400). An empty JSON body is treated as `{}` so actions such as
 * `POST /cancel` work without one. Sets req.body, which the REST adapter then uses as the input.
 */
export function jsonGuard(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!WITH_BODY.has(req.method)) return next();
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      res.setHeader('Connection', 'close');
      return sendError(res, 'payload_too_large', 'Request body too large', { limitBytes: maxBytes });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > maxBytes) {
        aborted = true;
        res.setHeader('Connection', 'close');
        sendError(res, 'payload_too_large', 'Request body too large', { limitBytes: maxBytes });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      const text = Buffer.concat(chunks).toString('utf8');
      // The REST adapter matches the content type case-sensitively; requireJsonContentType already checked it.
      req.headers['content-type'] = 'application/json';
      if (!text.trim()) {
        req.body = {};
        return next();
      }
      try {
        req.body = JSON.parse(text);
      } catch (error) {
        return sendError(res, 'invalid_input', 'Malformed JSON body', {
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      next();
    });
    req.on('error', () => {
      if (!aborted) sendError(res, 'invalid_input', 'Could not read the request body');
    });
  };
}
