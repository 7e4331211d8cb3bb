import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeClock, fakeRuntime } from '@looptroop/testkit/fakes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { CATALOG_MAX_AGE_MS, createCatalogCache } from './catalog-cache.ts';
import type { AgentEvent, Catalog } from './client.ts';
import { normalizeEvent } from './http-client.ts';

// Only OpenCode is fake (an in-process AgentRuntime that counts catalogue fetches); the cache, the OpenCode service
// and the core around it are the real ones.
function catalogOf(modelId: string): Catalog {
  const model = {
    id: `p/${modelId}`,
    providerId: 'p',
    modelId,
    name: modelId,
    variants: [],
    contextLimit: null,
    connected: true,
  };
  return { models: [model], allModels: [model], connectedProviders: ['p'], defaultModels: {} };
}

describe('createCatalogCache', () => {
  it('fetches once for concurrent and later callers, and again after invalidate()', async () => {
    let fetches = 0;
    const cache = createCatalogCache({ catalog: async () => catalogOf(`m${++fetches}`) }, fakeClock());
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(await cache.get()).toBe(a);
    expect(b).toBe(a);
    expect(fetches).toBe(1);
    cache.invalidate();
    expect((await cache.get()).models[0]?.modelId).toBe('m2');
  });

  it('does not keep a failed fetch, and refetches after CATALOG_MAX_AGE_MS', async () => {
    let fetches = 0;
    const clock = fakeClock();
    const cache = createCatalogCache(
      {
        catalog: async () => {
          fetches += 1;
          if (fetches === 1) throw new Error('OpenCode provider list failed');
          return catalogOf(`m${fetches}`);
        },
      },
      clock,
    );
    await expect(cache.get()).rejects.toThrow('provider list failed');
    expect((await cache.get()).models[0]?.modelId).toBe('m2');
    clock.advance(CATALOG_MAX_AGE_MS + 1);
    expect((await cache.get()).models[0]?.modelId).toBe('m3');
  });

  it('reads catalog.updated, a config reload and a reconnect from OpenCode as a catalogue change', () => {
    for (const type of ['catalog.updated', 'global.disposed', 'server.connected']) {
      const frame = { directory: 'global', payload: { id: 'evt_1', type, properties: {} } };
      // A raw frame as OpenCode sends it on /global/event, typed by the SDK's union (cast after building it here).
      expect(normalizeEvent(frame as unknown as Parameters<typeof normalizeEvent>[0])).toEqual({
        type: 'catalog_changed',
      });
    }
  });
});

describe('GET /api/models through the OpenCode service', () => {
  let dir: string;
  let core: Core;
  let fetches = 0;
  const listeners: ((event: AgentEvent) => void)[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-catalog-'));
    const runtime = fakeRuntime({
      health: async () => ({ reachable: true, version: '1.18.33', url: 'http://fake', latencyMs: 1 }),
      catalog: async () => catalogOf(`m${++fetches}`),
      onEvent: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
    });
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data') }, { manageOpencode: false }), { runtime });
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the cached catalogue until OpenCode reports a change', async () => {
    const models = () => core.services.opencode.models();
    expect((await models()).models[0]?.modelId).toBe('m1');
    expect((await models()).models[0]?.modelId).toBe('m1');
    expect(fetches).toBe(1);
    for (const listener of listeners) listener({ type: 'catalog_changed' });
    expect((await models()).models[0]?.modelId).toBe('m2');
  });
});
