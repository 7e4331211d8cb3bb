import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

/** Bodies worth compressing: JSON answers (REST and tRPC) and the web app's text assets. Never SSE. */
const COMPRESSIBLE = /^(application\/json|text\/(html|css|javascript)|application\/javascript|image\/svg\+xml)\b/;
/** Below this, gzip's header costs more than it saves, and hashing for an ETag more than resending. */
const MIN_GZIP_BYTES = 1024;
/** gzip results kept by ETag: a polled list that has not changed is compressed once, not per request. */
const GZIP_CACHE_ENTRIES = 32;

const isCallback = (arg: unknown): arg is () => void => typeof arg === 'function';
const isEncoding = (arg: unknown): arg is BufferEncoding => typeof arg === 'string' && Buffer.isEncoding(arg);

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/** Weak, because the same JSON may go out gzipped or plain (RFC 9110 §8.8.1). */
export function etagOf(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}

function isFresh(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header === '*' || header.split(',').some((tag) => strip(tag) === strip(etag));
}

/**
 * GET answers with a compressible type are buffered once complete, then: an ETag (unless the handler set one, as
 * express.static does), 304 when the client already has it, gzip when the client takes it. Everything else
 * (SSE, HEAD, writes, errors, streamed bodies whose headers went out early) passes through untouched.
 */
export function responseEncoding() {
  const gzipCache = new Map<string, Buffer>();
  const gzipFor = (etag: string, body: Buffer): Buffer => {
    const cached = gzipCache.get(etag);
    if (cached) return cached;
    const zipped = gzipSync(body, { level: 6 });
    gzipCache.set(etag, zipped);
    // Map keeps insertion order: the first key is the oldest.
    if (gzipCache.size > GZIP_CACHE_ENTRIES) gzipCache.delete(gzipCache.keys().next().value ?? etag);
    return zipped;
  };

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET') return next();
    const out = res as ServerResponse;
    const write = out.write.bind(out);
    const end = out.end.bind(out);
    const chunks: Buffer[] = [];
    /** `write(chunk, encoding?, cb?)` and `end(chunk?, encoding?, cb?)` both start with the body chunk. */
    const collect = ([chunk, encoding]: unknown[]) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, isEncoding(encoding) ? encoding : 'utf8'));
      else if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    let mode: 'undecided' | 'buffer' | 'pass' = 'undecided';
    const decide = () => {
      if (mode !== 'undecided') return mode;
      const type = String(out.getHeader('content-type') ?? '');
      const buffer = !out.headersSent && !out.getHeader('content-encoding') && COMPRESSIBLE.test(type);
      mode = buffer ? 'buffer' : 'pass';
      if (mode === 'pass') Object.assign(out, { write, end });
      return mode;
    };

    const bufferedWrite = (...args: unknown[]): boolean => {
      if (decide() === 'pass') return Reflect.apply(write, out, args);
      collect(args);
      args.find(isCallback)?.();
      return true;
    };

    const bufferedEnd = (...args: unknown[]): ServerResponse => {
      if (decide() === 'pass') return Reflect.apply(end, out, args);
      collect(args);
      const callback = args.find(isCallback);
      Object.assign(out, { write, end });
      // Usually one chunk (a REST or tRPC answer is written in one end()): no second copy of a large body.
      let body: Buffer = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
      // A small answer (health, one ticket's status) is cheaper to resend than to hash: no ETag, no gzip.
      if (out.statusCode === 200 && body.length >= MIN_GZIP_BYTES) {
        const etag = String(out.getHeader('etag') ?? etagOf(body));
        out.setHeader('ETag', etag);
        if (isFresh(req, etag)) {
          out.statusCode = 304;
          out.removeHeader('content-length');
          out.removeHeader('content-type');
          return end(callback);
        }
        res.vary('Accept-Encoding');
        if (acceptsGzip(req)) {
          body = gzipFor(etag, body);
          out.setHeader('Content-Encoding', 'gzip');
        }
      }
      out.setHeader('Content-Length', body.length);
      return end(body, callback);
    };

    Object.assign(out, { write: bufferedWrite, end: bufferedEnd });
    next();
  };
}
