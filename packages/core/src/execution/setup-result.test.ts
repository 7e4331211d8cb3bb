import { describe, expect, it } from 'vitest';
import { parseStructured } from '../structured/index.ts';
import { isProgressOnlyReply, setupResultSpec } from './setup-result.ts';

const result = (over: Record<string, unknown> = {}, profile: Record<string, unknown> = {}) => ({
  status: 'ready',
  summary: 'Node works.',
  profile: {
    status: 'ready',
    summary: 'Node works.',
    tooling_probe_commands: [{ program: 'node', args: ['--version'] }],
    workspace_probes: [{ id: 'tests', command: { program: 'node', args: ['--test'] }, purpose: 'tests load' }],
    tool_requirements: [{ launcher: 'node', required_by: ['tests'], status: 'present' }],
    ...profile,
  },
  checks: { workspace: 'pass', tooling: 'pass', temp_scope: 'pass', policy: 'pass' },
  ...over,
});
const parse = (value: unknown) =>
  parseStructured(`<EXECUTION_SETUP_RESULT>\n${JSON.stringify(value)}\n</EXECUTION_SETUP_RESULT>`, setupResultSpec);
const errorOf = (value: unknown) => {
  const r = parse(value);
  return r.ok ? 'valid' : r.error;
};

describe('setup result honesty (workflow.md §10.5 step 4)', () => {
  it('parses a ready result with its profile, aliases bucketed', () => {
    const r = parse(result({ status: 'success' }, { status: 'OK' }));
    expect(r.ok && r.value.profile.toolRequirements[0]?.status).toBe('available');
    expect(r.ok && r.value.status).toBe('ready');
  });

  it.each<[string, unknown, string]>([
    [
      'top-level and profile status differ',
      result({}, { status: 'blocked' }),
      'profile.status: the result says ready but the profile says blocked',
    ],
    [
      'ready with a failing check',
      result({ checks: { workspace: 'pass', tooling: 'fail', temp_scope: 'pass', policy: 'pass' } }),
      'checks.tooling: a ready result needs every check to pass',
    ],
    [
      'ready with a failed tool',
      result({}, { tool_requirements: [{ launcher: 'go', status: 'failed' }] }),
      'a ready result cannot have go failed',
    ],
    [
      'blocked without any failure',
      result({ status: 'blocked' }, { status: 'blocked' }),
      'checks: a blocked result needs at least one explicit failure',
    ],
    [
      'not_provisionable without a reason',
      result(
        { status: 'blocked', checks: { workspace: 'pass', tooling: 'fail', temp_scope: 'pass', policy: 'pass' } },
        { status: 'blocked', tool_requirements: [{ launcher: 'go', status: 'not_provisionable' }] },
      ),
      'profile.toolRequirements[0].failureReason: say why go is not provisionable',
    ],
  ])('%s', (_name, value, expected) => {
    expect(errorOf(value)).toContain(expected);
  });

  it('accepts an honest blocked result naming a not-provisionable tool', () => {
    const value = result(
      { status: 'blocked', checks: { workspace: 'pass', tooling: 'fail', temp_scope: 'pass', policy: 'pass' } },
      {
        status: 'blocked',
        tool_requirements: [{ launcher: 'go', status: 'not_provisionable', failure_reason: 'no network and no cache' }],
      },
    );
    expect(errorOf(value)).toBe('valid');
  });
});

describe('progress-only replies (§10.5 step 4)', () => {
  it.each([
    ['Installing dependencies…', true],
    ['I will now run npm ci and check the probes.', true],
    ['<EXECUTION_SETUP_RESULT>{"status":"ready"}', false],
    ['{"status": "ready"}', false],
    ['status: blocked\nsummary: x', false],
    ['x'.repeat(700), false],
  ])('%s → %s', (text, expected) => {
    expect(isProgressOnlyReply(text)).toBe(expected);
  });
});
