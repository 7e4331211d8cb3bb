import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDb, openDb } from './client.ts';

// A real libSQL file: a write issued while another transaction is open waits for it instead of freezing the
// process for the busy timeout and failing with SQLITE_BUSY (see transaction-gate.ts).

describe('writes while a transaction is open', () => {
  let dir: string;
  let opened: OpenedDb;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-gate-'));
    opened = await openDb(`file:${join(dir, 'gate.db')}`);
    await opened.db.run(sql`CREATE TABLE entries (n INTEGER NOT NULL, source TEXT NOT NULL)`);
  });
  afterAll(async () => {
    opened.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a plain write after the open transaction commits, without waiting for the busy timeout', async () => {
    const { db } = opened;
    const startedAt = Date.now();
    let inside: () => void = () => undefined;
    const insideTransaction = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO entries (n, source) VALUES (1, 'tx')`);
      inside();
      await new Promise((resolve) => setTimeout(resolve, 100)); // slow work between two statements
      await tx.run(sql`INSERT INTO entries (n, source) VALUES (2, 'tx')`);
    });
    await insideTransaction;
    const plain = db.run(sql`INSERT INTO entries (n, source) VALUES (3, 'plain')`);
    const second = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO entries (n, source) VALUES (4, 'tx2')`);
    });
    await Promise.all([transaction, plain, second]);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    const rows = await db.all<{ n: number }>(sql`SELECT n FROM entries ORDER BY rowid`);
    // the open transaction's rows come first; the two that waited follow in either order
    expect(rows.map((r) => r.n).slice(0, 2)).toEqual([1, 2]);
    expect(rows.map((r) => r.n).sort()).toEqual([1, 2, 3, 4]);
  });

  it('releases the gate when a transaction rolls back', async () => {
    const { db } = opened;
    await expect(
      db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO entries (n, source) VALUES (5, 'rolled back')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.run(sql`INSERT INTO entries (n, source) VALUES (6, 'plain')`);
    const rows = await db.all<{ n: number }>(sql`SELECT n FROM entries WHERE n > 4 ORDER BY rowid`);
    expect(rows.map((r) => r.n)).toEqual([6]);
  });
});
