import { describe, expect, it } from 'vitest';
import { extraCouncilMembers, toProfileInput } from './profile-form.ts';
import { NUMERIC_SETTINGS } from './profile-settings.ts';

const DEFAULTS: Record<string, string> = Object.fromEntries(NUMERIC_SETTINGS.map((s) => [s.key, String(s.min)]));

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries({ ...DEFAULTS, ...fields })) data.set(key, value);
  return data;
}

const valid = { mainImplementer: 'openai/gpt-5.4', councilMembers: 'anthropic/claude-sonnet-4, google/gemini-3' };

describe('toProfileInput', () => {
  it('reads a valid form into the profile input', () => {
    const result = toProfileInput(form({ ...valid, gitHookPolicy: 'validate_required', manualQaEnabled: 'on' }));
    expect(result).toMatchObject({
      ok: true,
      input: {
        mainImplementer: 'openai/gpt-5.4',
        mainImplementerVariant: null,
        councilMembers: ['anthropic/claude-sonnet-4', 'google/gemini-3'],
        minCouncilQuorum: 1,
        gitHookPolicy: 'validate_required',
        manualQaEnabled: true,
      },
    });
  });

  it.each([
    ['a main implementer without a provider', { ...valid, mainImplementer: 'gpt-5' }, /Main implementer "gpt-5"/],
    ['a council member without a provider', { ...valid, councilMembers: 'anthropic/claude, sonnet' }, /"sonnet"/],
    ['a council of only the main implementer', { ...valid, councilMembers: 'openai/gpt-5.4' }, /at least one/],
    ['a number out of range', { ...valid, minCouncilQuorum: '7' }, /Council quorum must be .* 1 to 6/],
    ['a fraction', { ...valid, maxIterations: '2.5' }, /whole number/],
    ['an empty number', { ...valid, opencodeSteps: '' }, /Agent step cap/],
  ])('rejects %s', (_name, fields, message) => {
    const result = toProfileInput(form(fields));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('drops an unknown hook policy instead of sending it', () => {
    const result = toProfileInput(form({ ...valid, gitHookPolicy: 'sometimes' }));
    expect(result.ok && 'gitHookPolicy' in result.input).toBe(false);
  });
});

describe('extraCouncilMembers', () => {
  it.each([
    ['the stored list without the main implementer', '["a/main","b/two","c/three"]', ['b/two', 'c/three']],
    ['nothing for a broken list', 'not json', []],
    ['nothing for a non-array', '{"a":1}', []],
  ])('returns %s', (_name, councilMembers, expected) => {
    expect(extraCouncilMembers({ mainImplementer: 'a/main', councilMembers })).toEqual(expected);
  });
});
