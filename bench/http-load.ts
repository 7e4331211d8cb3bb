import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Response body bytes on the wire, per request (compressed when the server compressed). */
  bytesPerResponse: number;
  non2xx: number;
}

function get(url: URL, agent: Agent, headers: Record<string, string>): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

/** `connections` keep-alive connections, each sending its next GET as soon as the last one is answered. */
export async function runLoad(
  url: string,
  options: { connections: number; durationMs: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(url);
  const latencies: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  const started = performance.now();
  const end = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      const response = await get(target, agent, options.headers ?? {});
      latencies.push(performance.now() - sent);
      bytes += response.bytes;
      if (response.status < 200 || response.status > 299) non2xx += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsedSec = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSec: Math.round(latencies.length / elapsedSec),
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
    non2xx,
  };
}
