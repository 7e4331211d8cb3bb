import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appMeta } from '../db/schema.ts';

export async function readMeta(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, key));
  return row?.value ?? null;
}

/** Write a flag only if it is not set yet; returns the stored value (first write wins). */
export async function writeMetaOnce(db: Db, key: string, value: string, now: string): Promise<string> {
  await db.insert(appMeta).values({ key, value, updatedAt: now }).onConflictDoNothing();
  return (await readMeta(db, key)) ?? value;
}
