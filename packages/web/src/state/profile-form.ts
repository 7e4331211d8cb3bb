import type { Profile, ProfileInput } from '../lib/trpc.ts';
import { GIT_HOOK_POLICIES, IGNORE_MODES, NUMERIC_SETTINGS, type NumericKey } from './profile-settings.ts';

/** The server's model id rule (core profile/schema.ts `ModelId`): `provider/model`. */
export const MODEL_ID_PATTERN = '[^/\\s]+/\\S+';
const MODEL_ID = new RegExp(`^${MODEL_ID_PATTERN}$`);
const MAX_EXTRA_MEMBERS = 9; // workflow.md §1.1: up to 10 council members including the main implementer

export const isModelId = (value: string) => MODEL_ID.test(value);

export function splitModelList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** The extra council members of a stored profile (its JSON array, main implementer first), for the form. */
export function extraCouncilMembers(profile: Pick<Profile, 'councilMembers' | 'mainImplementer'>): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(profile.councilMembers);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((m): m is string => typeof m === 'string' && m !== profile.mainImplementer);
}

export type ProfileFormResult = { ok: true; input: ProfileInput } | { ok: false; error: string };

const text = (form: FormData, key: string) => String(form.get(key) ?? '').trim();

/** Read and check the configuration form; the server validates again, this only catches typos early. */
export function toProfileInput(form: FormData): ProfileFormResult {
  const fail = (error: string): ProfileFormResult => ({ ok: false, error });
  const mainImplementer = text(form, 'mainImplementer');
  if (!isModelId(mainImplementer)) return fail(`Main implementer "${mainImplementer}" is not a provider/model id`);
  const councilMembers = splitModelList(text(form, 'councilMembers')).filter((m) => m !== mainImplementer);
  const badMember = councilMembers.find((m) => !isModelId(m));
  if (badMember) return fail(`Council member "${badMember}" is not a provider/model id`);
  if (councilMembers.length === 0) return fail('Add at least one council member besides the main implementer');
  if (councilMembers.length > MAX_EXTRA_MEMBERS) return fail(`At most ${MAX_EXTRA_MEMBERS} extra council members`);
  const numbers: Partial<Record<NumericKey, number>> = {};
  for (const setting of NUMERIC_SETTINGS) {
    const raw = text(form, setting.key);
    const value = Number(raw);
    if (raw === '' || !Number.isInteger(value) || value < setting.min || value > setting.max) {
      return fail(`${setting.label} must be a whole number from ${setting.min} to ${setting.max}`);
    }
    numbers[setting.key] = value;
  }
  const gitHookPolicy = GIT_HOOK_POLICIES.find((p) => p.value === text(form, 'gitHookPolicy'))?.value;
  const ignoreMode = IGNORE_MODES.find((m) => m.value === text(form, 'ignoreMode'))?.value;
  return {
    ok: true,
    input: {
      mainImplementer,
      mainImplementerVariant: text(form, 'mainImplementerVariant') || null,
      councilMembers,
      ...numbers,
      manualQaEnabled: form.get('manualQaEnabled') === 'on',
      ...(gitHookPolicy && { gitHookPolicy }),
      ...(ignoreMode && { ignoreMode }),
    },
  };
}
