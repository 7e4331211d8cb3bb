import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { profile } from '../db/schema.ts';

export const PROFILE_ID = 1;

export async function selectProfileRow(db: Db) {
  const [row] = await db.select().from(profile).where(eq(profile.id, PROFILE_ID));
  return row;
}

export async function insertProfileRow(db: Db, settings: unknown, now: string) {
  const [row] = await db
    .insert(profile)
    .values({ id: PROFILE_ID, settings, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateProfileRow(db: Db, settings: unknown, now: string) {
  const [row] = await db
    .update(profile)
    .set({ settings, updatedAt: now })
    .where(eq(profile.id, PROFILE_ID))
    .returning();
  return row;
}
