import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, createCore, loadConfig } from '@looptroop/core';
import { deferred } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { openSse, type SseFrame } from './sse-client.ts';

// architecture.md §6, STYLE.md "Replay": /api/stream subscribes first, replays from the database, then flushes what
// was published meanwhile. The real app and bus on a libSQL file; the only hook is around the bus's `replay`, so the
// test decides exactly what gets published while the replay query runs. No OpenCode.

type Replay = Core['services']['events']['replay'];

describe('events published while /api/stream replays', () => {
  let dir: string;
  let core: Core;
  let server: Server;
  let url: string;
  let projectId: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-replay-'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['init', '-q', '-b', 'main', join(dir, 'repo')]);
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' }, { port: 0 }));
    projectId = (await core.services.projects.attach({ name: 'S', shortname: 'RPL', folderPath: join(dir, 'repo') }))
      .id;
    const app = createApp(core, { version: 'test' });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // a TCP listener reports an AddressInfo
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ids = (frames: SseFrame[]) => frames.filter((f) => f.id !== null).map((f) => Number(f.id));

  it('delivers them after the replayed ones, in order, with no gap and no duplicate', async () => {
    const ref = (await core.services.tickets.create({ projectId, title: 'replay race' })).id;
    const bus = core.services.events;
    const progress = (current: number) => bus.publish('progress', { ticketId: ref, phase: 'DRAFT', current, total: 9 });
    const before = await progress(1);

    const realReplay: Replay = bus.replay.bind(bus);
    const published: number[] = [];
    const replayDone = deferred();
    bus.replay = async (ticketRef, afterId, limit) => {
      published.push((await progress(2)).id ?? -1); // lands before the query: replayed AND seen live
      const replayed = await realReplay(ticketRef, afterId, limit);
      published.push((await progress(3)).id ?? -1); // after the query: only the live subscription sees these
      published.push((await progress(4)).id ?? -1);
      replayDone.resolve();
      return replayed;
    };
    let stream: Awaited<ReturnType<typeof openSse>>;
    try {
      stream = await openSse(`${url}/api/stream?ticketId=${ref}&lastEventId=0`);
      await replayDone.promise;
    } finally {
      bus.replay = realReplay;
    }
    const live = await progress(5);
    await stream.waitFor((f) => f.id === String(live.id));
    stream.close();

    expect(ids(stream.frames)).toEqual([before.id, ...published, live.id]);
    expect(
      stream.frames.filter((f) => f.event === 'progress').map((f) => (f.data as { current: number }).current),
    ).toEqual([1, 2, 3, 4, 5]);
  });
});
