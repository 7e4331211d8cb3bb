import type { Clock } from '../lib/clock.ts';
import type { AgentRuntime, Catalog } from './client.ts';

/**
 * Kept at most this long even when OpenCode never says it changed: a safety net for an event stream that was down
 * while the user ran `opencode auth login`.
 */
export const CATALOG_MAX_AGE_MS = 10 * 60_000;

export interface CatalogCache {
  /** The catalogue, fetched once and shared by concurrent callers until it changes. */
  get(): Promise<Catalog>;
  /** OpenCode said its catalogue changed (or we reconnected to it): the next `get` fetches again. */
  invalidate(): void;
}

/**
 * GET /api/models: OpenCode's catalogue is large (every provider's models, ~1.5 MB) and slow to build (seconds on the
 * first call), but it changes only when OpenCode says so, so it is fetched once and kept until then.
 */
export function createCatalogCache(runtime: Pick<AgentRuntime, 'catalog'>, clock: Clock): CatalogCache {
  const state: { pending: Promise<Catalog> | null; fetchedAtMs: number } = { pending: null, fetchedAtMs: 0 };
  return {
    get() {
      if (state.pending && clock.now().getTime() - state.fetchedAtMs < CATALOG_MAX_AGE_MS) return state.pending;
      const pending = runtime.catalog();
      state.pending = pending;
      state.fetchedAtMs = clock.now().getTime();
      // A failed fetch is not kept: the next call tries again.
      pending.catch(() => {
        if (state.pending === pending) state.pending = null;
      });
      return pending;
    },
    invalidate() {
      state.pending = null;
    },
  };
}
