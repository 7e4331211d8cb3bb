import type { Core } from '@looptroop/core';
import type { NextFunction, Request, Response } from 'express';
import { etagOf } from './response-encoding.ts';

/** The list routes: REST (`?projectId=`, `?status=`) and the web board's tRPC query (`?input=`). */
const LIST_PATHS = new Set(['/api/tickets', '/trpc/tickets.list']);
/** Answers kept at once, one per URL (all tickets, per project, per status); 1,000 tickets are ~0.8 MB. */
const MAX_ANSWERS = 16;

interface Answer {
  version: string;
  body: Buffer;
  etag: string;
  contentType: string;
}

/**
 * GET /api/tickets with 1,000 tickets (issue 15: p50 < 20 ms at 10 connections). Reading the rows is already
 * cached in core (tickets/list-cache.ts); what remained per request was tRPC's output validation and
 * JSON.stringify of ~0.8 MB, 6–8 ms of CPU, so 10 waiting clients queued to 80 ms. This keeps each URL's
 * complete answer, as the procedure produced and validated it, with the tickets' `listVersion()` (one counter
 * read): while that is unchanged, the same bytes and ETag go out without entering tRPC (304 and gzip follow in
 * response-encoding.ts). The procedure stays the one definition (OpenAPI document, /trpc, validation); a changed
 * version or an error answer goes through it as before.
 */
export function ticketListAnswers(core: Core) {
  const answers = new Map<string, Answer>();
  const keep = (url: string, answer: Answer) => {
    answers.delete(url);
    answers.set(url, answer);
    // Map keeps insertion order: the first key is the least recently stored.
    if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value ?? url);
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !LIST_PATHS.has(req.path)) return next();
    const url = req.originalUrl;
    let version: string;
    try {
      version = await core.services.tickets.listVersion();
    } catch (error) {
      return next(error);
    }
    const kept = answers.get(url);
    if (kept?.version === version) {
      res.status(200);
      res.setHeader('Content-Type', kept.contentType);
      res.setHeader('ETag', kept.etag);
      res.end(kept.body);
      return;
    }
    // tRPC writes its body in chunks then calls end(); the REST adapter ends with the whole string.
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    };
    const captureWrite = (...args: unknown[]) => {
      collect(args[0]);
      return Reflect.apply(write, res, args);
    };
    const captureEnd = (...args: unknown[]) => {
      if (typeof args[0] !== 'function') collect(args[0]);
      if (res.statusCode === 200 && chunks.length > 0) {
        const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
        const etag = etagOf(body);
        if (!res.headersSent) res.setHeader('ETag', etag);
        const contentType = String(res.getHeader('content-type') ?? 'application/json');
        // Kept only if nothing changed while the procedure ran: the bytes then belong to `version`.
        void core.services.tickets.listVersion().then(
          (after) => after === version && keep(url, { version, body, etag, contentType }),
          () => undefined, // not kept; the next request asks the procedure again
        );
      }
      return Reflect.apply(end, res, args);
    };
    Object.assign(res, { write: captureWrite, end: captureEnd });
    next();
  };
}
