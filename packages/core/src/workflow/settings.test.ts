import { describe, expect, it } from 'vitest';
import { type ProfileSettings, TUNABLE_DEFAULTS } from '../profile/schema.ts';
import { EMPTY_OVERRIDES } from '../projects/schema.ts';
import { lockSettings, readLaterSettings } from './settings.ts';

const profile: ProfileSettings = {
  ...TUNABLE_DEFAULTS,
  mainImplementer: 'a/main',
  mainImplementerVariant: 'high',
  councilMembers: ['a/main', 'b/two'],
  councilMemberVariants: {},
};
const noTicketOverrides = { manualQaOverride: null, gitHookPolicy: null };

describe('lockSettings', () => {
  it('takes the profile when nothing overrides it', () => {
    const locked = lockSettings(profile, EMPTY_OVERRIDES, noTicketOverrides);
    expect(locked).toMatchObject({
      mainImplementer: 'a/main',
      councilMembers: ['a/main', 'b/two'],
      interviewQuestions: 50,
      manualQaEnabled: false,
      manualQaSource: 'profile',
      gitHookPolicy: 'validate_advisory',
      gitHookPolicySource: 'profile',
    });
  });

  it('lets the project override council and caps, and the ticket override QA and hooks', () => {
    const locked = lockSettings(
      profile,
      { ...EMPTY_OVERRIDES, councilMembers: ['c/three', 'b/two'], interviewQuestions: 5, manualQaOverride: true },
      { manualQaOverride: false, gitHookPolicy: 'observe_only' },
    );
    expect(locked.councilMembers).toEqual(['a/main', 'c/three', 'b/two']);
    expect(locked.interviewQuestions).toBe(5);
    expect(locked).toMatchObject({ manualQaEnabled: false, manualQaSource: 'ticket' });
    expect(locked).toMatchObject({ gitHookPolicy: 'observe_only', gitHookPolicySource: 'ticket' });
  });

  it('refuses a project quorum larger than the council', () => {
    expect(() => lockSettings(profile, { ...EMPTY_OVERRIDES, minCouncilQuorum: 3 }, noTicketOverrides)).toThrow(
      /exceeds the council size/,
    );
  });
});

describe('readLaterSettings', () => {
  it('prefers project values for the settings read at phase start', () => {
    const settings = readLaterSettings(profile, { ...EMPTY_OVERRIDES, maxIterations: 2, councilResponseTimeout: 60 });
    expect(settings).toMatchObject({ maxIterations: 2, councilResponseTimeout: 60, perIterationTimeout: 1200 });
  });
});
