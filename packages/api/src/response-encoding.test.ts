import { get, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseEncoding } from './response-encoding.ts';

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Milliseconds from the request to the first body byte. */
  firstByteMs: number;
}

const big = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Ticket ${i}: add a greeting` })) };

describe('responseEncoding', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.set('etag', false); // as in app.ts: ETags come from responseEncoding only
    app.use(responseEncoding());
    app.get('/big', (_req, res) => res.json(big));
    app.get('/small', (_req, res) => res.json({ ok: true }));
    app.get('/missing', (_req, res) => res.status(404).json({ error: 'Not found', padding: 'x'.repeat(2000) }));
    app.post('/big', (_req, res) => res.json(big));
    app.get('/events', (_req, res) => {
      res.setHeader('content-type', 'text/event-stream');
      res.write(`data: ${'x'.repeat(2000)}\n\n`);
      setTimeout(() => res.end('data: last\n\n'), 300);
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // a TCP listener reports an AddressInfo
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const raw = (path: string, headers: Record<string, string> = {}): Promise<RawReply> =>
    new Promise((resolve, reject) => {
      const sent = performance.now();
      get(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        let firstByteMs = -1;
        res.on('data', (chunk: Buffer) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - sent;
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), firstByteMs }),
        );
      }).on('error', reject);
    });

  it('gzips a large JSON answer for a client that accepts gzip, and sends it plain to one that does not', async () => {
    const zipped = await raw('/big', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(big);
    const plain = await raw('/big');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(big);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('answers 304 with no body when If-None-Match names the current ETag', async () => {
    const first = await raw('/big');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await raw('/big', { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await raw('/big', { 'if-none-match': 'W/"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('leaves small answers, errors and writes uncompressed and without an ETag where it does not apply', async () => {
    const small = await raw('/small', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.etag).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ ok: true });
    const missing = await raw('/missing', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const written = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const req = request(`${base}/big`, { method: 'POST', headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        resolve(res.headers);
      });
      req.on('error', reject);
      req.end();
    });
    expect(written['content-encoding']).toBeUndefined();
  });

  it('streams server-sent events as they are written (never buffered for compression)', async () => {
    const events = await raw('/events', { 'accept-encoding': 'gzip' });
    expect(events.headers['content-encoding']).toBeUndefined();
    expect(events.firstByteMs).toBeLessThan(250);
    expect(events.body.toString()).toContain('data: last');
  });
});
