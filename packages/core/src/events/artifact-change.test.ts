import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDb, openDb } from '../db/client.ts';
import { sha256 } from '../lib/hash.ts';
import { EventBus } from './bus.ts';

// workflow.md §14.4: every reviewable artifact exposes its hash. The `artifact_change` event carries the same
// artifact record the API serves, so a publisher that leaves the hash out fails at the source (real libSQL file).

describe('artifact_change events', () => {
  let dir: string;
  let opened: OpenedDb;
  let bus: EventBus;
  const timestamp = '2026-12-02T00:00:00.000Z';
  const content = 'epics: []\n';
  const artifact = {
    id: 1,
    ticketId: 'SMP-1',
    phase: 'WAITING_PRD_APPROVAL',
    phaseAttempt: 1,
    artifactType: 'prd',
    filePath: 'prd.yaml',
    content,
    contentSha256: sha256(content),
    createdAt: timestamp,
    updatedAt: timestamp,
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-events-'));
    opened = await openDb(`file:${join(dir, 'lt.db')}`);
    bus = new EventBus(opened.db, { now: () => new Date(timestamp), isoNow: () => timestamp });
  });
  afterAll(async () => {
    opened.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to publish an artifact without its content hash, and stores nothing', async () => {
    const { contentSha256: _dropped, ...unhashed } = artifact;
    const payload = { ticketId: 'SMP-1', phase: 'WAITING_PRD_APPROVAL', artifactType: 'prd', artifact: unhashed };
    // @ts-expect-error the event schema is the artifact schema: the hash is required
    await expect(bus.publish('artifact_change', payload)).rejects.toThrow(/contentSha256/);
    expect(await bus.replay('SMP-1', 0)).toEqual([]);
  });

  it('replays a published artifact with the hash it was sent with', async () => {
    await bus.publish('artifact_change', {
      ticketId: 'SMP-1',
      phase: 'WAITING_PRD_APPROVAL',
      artifactType: 'prd',
      artifact,
    });
    const [event] = await bus.replay('SMP-1', 0);
    expect(event?.type).toBe('artifact_change');
    expect(event?.type === 'artifact_change' && event.data.artifact.contentSha256).toBe(sha256(content));
  });
});
