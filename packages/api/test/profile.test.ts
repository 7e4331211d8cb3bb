import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PROFILE, startTestServer, type TestServer } from './harness.ts';

describe('profile routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('returns null before a profile exists and 404s a PATCH', async () => {
    expect((await server.call('GET', '/api/profile')).json).toBeNull();
    const patch = await server.call('PATCH', '/api/profile', { maxIterations: 3 });
    expect(patch.status).toBe(404);
    expect(patch.json.error).toMatch(/Profile not found/);
  });

  it('rejects invalid settings with 400 and field details', async () => {
    const cases: [string, unknown][] = [
      ['missing main implementer', { councilMembers: '["a/b"]' }],
      ['model id without provider', { ...SAMPLE_PROFILE, mainImplementer: 'gpt' }],
      ['council not JSON', { ...SAMPLE_PROFILE, councilMembers: '[oops' }],
      ['timeout above range', { ...SAMPLE_PROFILE, perIterationTimeout: 3601 }],
      ['wrong type', { ...SAMPLE_PROFILE, maxIterations: '5' }],
      ['fractional number', { ...SAMPLE_PROFILE, interviewQuestions: 1.5 }],
      ['unknown key', { ...SAMPLE_PROFILE, colour: 'red' }],
      ['quorum larger than council', { ...SAMPLE_PROFILE, minCouncilQuorum: 3 }],
      ['council of the main implementer alone', { ...SAMPLE_PROFILE, councilMembers: '["openai/gpt-5.4"]' }],
    ];
    for (const [name, body] of cases) {
      const r = await server.call('POST', '/api/profile', body);
      expect(r.status, name).toBe(400);
      expect(typeof r.json.error, name).toBe('string');
      expect(r.json.details, name).toBeDefined();
      expect(JSON.stringify(r.json), name).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('creates the singleton with defaults, answers council in the seed form, refuses a second create', async () => {
    const created = await server.call('POST', '/api/profile', {
      ...SAMPLE_PROFILE,
      councilMembers: '["anthropic/claude-sonnet-4","openai/gpt-5.4"]',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      perIterationTimeout: 1800,
      councilResponseTimeout: 240,
      structuredRetryCount: 1,
    });
    // main implementer first, duplicates dropped
    expect(JSON.parse(created.json.councilMembers)).toEqual(['openai/gpt-5.4', 'anthropic/claude-sonnet-4']);
    expect((await server.call('GET', '/api/profile')).json.id).toBe(created.json.id);
    expect((await server.call('POST', '/api/profile', SAMPLE_PROFILE)).status).toBe(409);
  });

  it('patches fields, accepts a plain council array, keeps the rest', async () => {
    const r = await server.call('PATCH', '/api/profile', {
      maxIterations: 7,
      councilMembers: ['openai/gpt-5.4', 'google/gemini-3', 'anthropic/claude-sonnet-4'],
    });
    expect(r.status).toBe(200);
    expect(r.json.maxIterations).toBe(7);
    expect(r.json.perIterationTimeout).toBe(1800);
    expect(JSON.parse(r.json.councilMembers)).toHaveLength(3);
    expect((await server.call('PATCH', '/api/profile', { maxIterations: 21 })).status).toBe(400);
  });

  it('lists the defaults of every setting', async () => {
    const r = await server.call('GET', '/api/profile/defaults');
    expect(r.json.defaults).toMatchObject({
      perIterationTimeout: 1200,
      maxIterations: 5,
      gitHookPolicy: 'validate_advisory',
    });
  });
});
