import { isDeliveryError } from './delivery-error.ts';
import type { DeliveryProvider, DeliveryTarget, PullRequestRecord } from './provider.ts';

export interface WatchOptions {
  intervalMs: number;
  signal: AbortSignal;
  /** Called with every failed read; the watch keeps going through outages (the review has no time limit). */
  onReadError?: (error: unknown) => void;
}

/**
 * workflow.md §10.11: "a manual merge done on GitHub is picked up by polling". Resolves with the record once the
 * remote says the change is merged (the caller then verifies and finishes, without a merge call of its own);
 * resolves null when the PR was closed unmerged; rejects with the signal's reason when the review ends otherwise.
 */
export async function watchForHandMerge(
  provider: DeliveryProvider,
  target: DeliveryTarget,
  options: WatchOptions,
): Promise<PullRequestRecord | null> {
  const { signal } = options;
  while (true) {
    signal.throwIfAborted();
    const record = await provider.read(target).catch((error: unknown) => {
      if (!isDeliveryError(error) || error.code === 'FORGE_AUTH') throw error;
      options.onReadError?.(error);
      return undefined;
    });
    if (record?.state === 'merged') return record;
    if (record?.state === 'closed') return null;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, options.intervalMs);
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
  }
}
