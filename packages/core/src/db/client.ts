import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema.ts';
import { gateTransactions } from './transaction-gate.ts';

export type Db = LibSQLDatabase<typeof schema>;

export interface OpenedDb {
  db: Db;
  client: Client;
  /** True when the database had no tables before this open (drives the startup "fresh vs restored" report). */
  wasFresh: boolean;
  close(): void;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Open the libSQL database, enable WAL for file DBs and apply committed migrations. */
export async function openDb(url: string, authToken?: string): Promise<OpenedDb> {
  const isFile = url.startsWith('file:');
  const path = url.slice('file:'.length);
  // Issue 17: the data directory and the database are the user's alone (they were 0755 and 0644).
  if (isFile) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Stack spike: use the client's `timeout` (busy wait, ms) rather than PRAGMA busy_timeout.
  const client = createClient({ url, authToken, timeout: 5_000 });
  if (isFile) {
    await client.execute('PRAGMA journal_mode = WAL');
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const existing = await client.execute(
    "SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name='projects'",
  );
  const wasFresh = Number(existing.rows[0]?.n ?? 0) === 0;
  const db = drizzle(gateTransactions(client), { schema });
  await migrate(db, { migrationsFolder });
  return { db, client, wasFresh, close: () => client.close() };
}
