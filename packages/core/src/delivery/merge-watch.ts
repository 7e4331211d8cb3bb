import { isDeliveryError } from './delivery-error.ts';
import type { PullRequestRecord } from './provider.ts';

export interface WatchOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Called with every failed read; the watch keeps going through outages (the review has no time limit). */
  onReadError?: (error: unknown) => void;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
  });

/**
 * workflow.md §10.11: "a manual merge done on GitHub is picked up by polling". `read` re-reads the remote (a
 * provider's or a ticket delivery's `read`). Resolves with the record once it says merged (the caller then
 * verifies and finishes, without a merge call of its own); null when the PR was closed unmerged; rejects with the
 * signal's reason when the review ends otherwise. Missing credentials end the watch (FORGE_AUTH is thrown).
 */
export async function watchForHandMerge(
  read: () => Promise<PullRequestRecord | null>,
  options: WatchOptions,
): Promise<PullRequestRecord | null> {
  const { signal } = options;
  while (true) {
    signal.throwIfAborted();
    const record = await read().catch((error: unknown) => {
      if (!isDeliveryError(error) || error.code === 'FORGE_AUTH') throw error;
      options.onReadError?.(error);
      return undefined;
    });
    if (record?.state === 'merged') return record;
    if (record?.state === 'closed') return null;
    await pause(options.intervalMs, signal);
  }
}
