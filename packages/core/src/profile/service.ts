import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { assertCouncilValid, normalizeCouncil } from './council.ts';
import {
  type Profile,
  type ProfileCreateInput,
  type ProfilePatchInput,
  ProfileSettings,
  TUNABLE_DEFAULTS,
} from './schema.ts';
import { insertProfileRow, selectProfileRow, updateProfileRow } from './store.ts';

export function createProfileService(db: Db, clock: Clock) {
  async function readSettings(): Promise<{
    settings: ProfileSettings;
    row: { id: number; createdAt: string; updatedAt: string };
  } | null> {
    const row = await selectProfileRow(db);
    if (!row) return null;
    return { settings: ProfileSettings.parse(row.settings), row };
  }

  function toProfile(settings: ProfileSettings, row: { id: number; createdAt: string; updatedAt: string }): Profile {
    return {
      id: row.id,
      ...settings,
      councilMembers: JSON.stringify(settings.councilMembers),
      councilMemberVariants: JSON.stringify(settings.councilMemberVariants),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  function finalize(settings: ProfileSettings): ProfileSettings {
    const councilMembers = normalizeCouncil(settings.mainImplementer, settings.councilMembers);
    assertCouncilValid(councilMembers, settings.minCouncilQuorum);
    return { ...settings, councilMembers };
  }

  return {
    async get(): Promise<Profile | null> {
      const current = await readSettings();
      return current ? toProfile(current.settings, current.row) : null;
    },

    /** The stored settings, for services that lock or read them (Start, phases). */
    async settings(): Promise<ProfileSettings | null> {
      return (await readSettings())?.settings ?? null;
    },

    async create(input: ProfileCreateInput): Promise<Profile> {
      const settings = finalize({
        ...TUNABLE_DEFAULTS,
        ...input,
        mainImplementerVariant: input.mainImplementerVariant ?? null,
        councilMemberVariants: input.councilMemberVariants ?? {},
      });
      const row = await insertProfileRow(db, settings, clock.isoNow());
      if (!row) throw conflict('A profile already exists; use PATCH /api/profile to change it');
      return toProfile(settings, row);
    },

    async update(patch: ProfilePatchInput): Promise<Profile> {
      const current = await readSettings();
      if (!current) throw notFound('Profile', { hint: 'create it with POST /api/profile' });
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const settings = finalize({ ...current.settings, ...defined });
      const row = await updateProfileRow(db, settings, clock.isoNow());
      if (!row) throw notFound('Profile');
      return toProfile(settings, row);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
