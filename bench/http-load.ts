import { Agent, request } from 'node:http';
import { summarize } from './stats.ts';

export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Response body bytes on the wire, per request (compressed when the server compressed). */
  bytesPerResponse: number;
  non2xx: number;
}

interface Call {
  method: string;
  headers: Record<string, string>;
  /** A request body (JSON), made afresh per request. */
  body?: (n: number) => unknown;
}

function send(url: URL, agent: Agent, call: Call, n: number): Promise<{ status: number; bytes: number }> {
  const body = call.body ? JSON.stringify(call.body(n)) : undefined;
  const headers = body ? { ...call.headers, 'content-type': 'application/json' } : call.headers;
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers, method: call.method }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `connections` keep-alive connections, each sending its next request (GET by default) once the last is answered. */
export async function runLoad(
  /** A fixed URL, or one per request (the n-th request, 1-based). */
  url: string | ((n: number) => string),
  options: {
    connections: number;
    durationMs: number;
    headers?: Record<string, string>;
    method?: string;
    body?: (n: number) => unknown;
  },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const fixed = typeof url === 'string' ? new URL(url) : null;
  const latencies: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  const call: Call = {
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body && { body: options.body }),
  };
  let sentCount = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      sentCount += 1;
      const target = fixed ?? new URL(typeof url === 'function' ? url(sentCount) : url);
      const response = await send(target, agent, call, sentCount);
      latencies.push(performance.now() - sent);
      bytes += response.bytes;
      if (response.status < 200 || response.status > 299) non2xx += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsedSec = (performance.now() - started) / 1000;
  agent.destroy();
  const summary = summarize(latencies);
  return {
    requests: latencies.length,
    requestsPerSec: Math.round(latencies.length / elapsedSec),
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
    non2xx,
  };
}
