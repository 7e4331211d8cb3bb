import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';

// A real libSQL file and the real services; only OpenCode is an offline fake (the list never talks to it).
describe('the ticket list reuses its last answer only while the tickets table is unchanged', () => {
  let dir: string;
  let core: Core;
  let projectId: number;
  const titles = async (filter = {}) => (await core.services.tickets.list(filter)).map((t) => t.title);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-list-cache-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'README.md'), '# sample\n');
    core = await createCore(loadConfig({ LOOPTROOP_HOME: join(dir, 'data') }, { manageOpencode: false }), {
      runtime: fakeRuntime(),
    });
    projectId = (await core.services.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id;
    for (const title of ['One', 'Two']) await core.services.tickets.create({ projectId, title });
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the same answer twice, then sees a created and an edited ticket', async () => {
    const first = await core.services.tickets.list();
    expect(await core.services.tickets.list()).toBe(first);
    await core.services.tickets.create({ projectId, title: 'Three' });
    expect(await titles()).toEqual(['One', 'Two', 'Three']);
    await core.services.tickets.update({ id: 'SMP-1', title: 'One, edited' });
    expect(await titles()).toEqual(['One, edited', 'Two', 'Three']);
  });

  it('sees a write that bypassed the services (another writer, another connection)', async () => {
    expect(await titles({ projectId })).toEqual(['One, edited', 'Two', 'Three']);
    await core.db.run(sql`UPDATE tickets SET title = 'Renamed by SQL' WHERE external_id = 'SMP-2'`);
    expect(await titles({ projectId })).toEqual(['One, edited', 'Renamed by SQL', 'Three']);
    await core.db.run(sql`DELETE FROM tickets WHERE external_id = 'SMP-3'`);
    expect(await titles({ projectId })).toEqual(['One, edited', 'Renamed by SQL']);
  });
});
