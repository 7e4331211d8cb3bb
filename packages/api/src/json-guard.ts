import type { NextFunction, Request, Response } from 'express';
import { sendError } from './error-body.ts';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * architecture.md §9.1 JSON guard, run before the REST adapter: reads the body with a size cap (413), refuses
 * non-JSON bodies (415) and malformed JSON (400). An empty body is treated as `{}` so actions such as
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
      const type = String(req.headers['content-type'] ?? '');
      // The REST adapter insists on a JSON content type even for an empty body.
      req.headers['content-type'] = 'application/json';
      if (!text.trim()) {
        req.body = {};
        return next();
      }
      if (type && !type.startsWith('application/json')) {
        return sendError(res, 'unsupported_media_type', 'Request bodies must be JSON (Content-Type: application/json)');
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
