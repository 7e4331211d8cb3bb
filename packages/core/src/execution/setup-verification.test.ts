import { describe, expect, it } from 'vitest';
import { nextSetupStep } from './setup-attempts.ts';
import { SetupResult } from './setup-result.ts';
import { type ProbeOutcome, type VerificationInput, verifySetup } from './setup-verification.ts';

const result = (tools: unknown[] = []) =>
  SetupResult.parse({
    status: 'ready',
    summary: 's',
    profile: {
      status: 'ready',
      summary: 's',
      toolingProbeCommands: [{ program: 'node', args: ['--version'] }],
      toolRequirements: tools,
    },
    checks: { workspace: 'pass', tooling: 'pass', tempScope: 'pass', policy: 'pass' },
  });
const probe = (id: string, kind: ProbeOutcome['kind'], exitCode: number | null, timedOut = false): ProbeOutcome => ({
  id,
  kind,
  command: `cmd-${id}`,
  exitCode,
  timedOut,
  outputTail: exitCode === 0 ? '' : 'node: not found',
  durationMs: 5,
});
const input = (over: Partial<VerificationInput> = {}): VerificationInput => ({
  result: result(),
  hookPolicy: 'validate_advisory',
  probes: [probe('node', 'tooling', 0), probe('tests', 'workspace', 0)],
  envProblems: [],
  wrapperProblems: [],
  undeclaredWrapper: false,
  worktree: { changed: [], untracked: [] },
  ...over,
});

describe('backend verification of a setup attempt (workflow.md §10.5 step 5)', () => {
  it('accepts when every probe passes and the worktree is clean', () => {
    expect(verifySetup(input())).toEqual({ ok: true, failures: [], warnings: [], cautions: [] });
  });

  it.each<[string, Partial<VerificationInput>, string]>([
    [
      'a workspace probe fails although the model said ready',
      { probes: [probe('tests', 'workspace', 127)] },
      'workspace probe tests (cmd-tests) exited 127: node: not found',
    ],
    ['a probe times out', { probes: [probe('tests', 'workspace', null, true)] }, 'timed out'],
    [
      'a required hook validation fails',
      { hookPolicy: 'validate_required', probes: [probe('pre-commit', 'hook', 1)] },
      'hook probe pre-commit',
    ],
    [
      'committable changes are left behind',
      { worktree: { changed: ['package-lock.json'], untracked: ['src/gen.js'] } },
      'committable changes in the worktree: package-lock.json, src/gen.js',
    ],
    ['the env is unsafe', { envProblems: ['env.sh line 1 runs a command'] }, 'env.sh line 1'],
    [
      'a failed tool without two strategies',
      { result: result([{ launcher: 'go', status: 'failed', provisioningAttempts: [{ strategy: 'apt' }] }]) },
      'go failed after 1 provisioning attempt(s)',
    ],
    [
      'no tooling probe',
      { result: SetupResult.parse({ ...result(), profile: { ...result().profile, toolingProbeCommands: [] } }) },
      'declares no tooling probe',
    ],
    [
      'a probe changed the worktree (it is not read-only)',
      { probes: [probe('node', 'tooling', 0), { ...probe('lint', 'workspace', 0), worktreeChanges: ['src/a.js'] }] },
      'workspace probe lint (cmd-lint) is not read-only: it changed src/a.js; LoopTroop put them back',
    ],
    [
      'the profile declares a command family but no workspace probe ran',
      {
        result: SetupResult.parse({
          ...result(),
          profile: { ...result().profile, projectCommands: { lintFull: [{ program: 'eslint', args: ['.'] }] } },
        }),
        probes: [probe('node', 'tooling', 0)],
      },
      'the profile declares lint_full commands but no workspace probe exercises the project',
    ],
  ])('fails when %s', (_name, over, failure) => {
    const v = verifySetup(input(over));
    expect(v.ok).toBe(false);
    expect(v.failures.join('\n')).toContain(failure);
  });

  it('turns an advisory hook failure into a warning, and noise into a caution', () => {
    const v = verifySetup(
      input({ probes: [probe('pre-commit', 'hook', 1)], worktree: { changed: [], untracked: ['debug.log'] } }),
    );
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual([expect.stringContaining('hook probe pre-commit')]);
    expect(v.cautions).toEqual(['Setup left generated files; consider adding to .gitignore: *.log']);
  });
});

it('reports a hook validation that rewrote files as a warning, its changes undone (§10.13)', () => {
  const hook = { ...probe('pre-commit', 'hook', 0), worktreeChanges: ['src/a.js', 'src/b.js'] };
  const v = verifySetup(input({ hookPolicy: 'validate_required', probes: [probe('tests', 'workspace', 0), hook] }));
  expect(v.ok).toBe(true);
  expect(v.warnings).toEqual([
    'hook validation pre-commit (cmd-pre-commit) changed src/a.js, src/b.js; LoopTroop put them back',
  ]);
});

describe('setup attempt policy (workflow.md §10.5 step 7)', () => {
  const failed = (blockers: string[] = []) => ({ kind: 'failed' as const, blockers, message: 'probe failed' });
  it.each([
    ['first attempt', [], 3, { kind: 'retry', attempt: 1 }],
    ['accepted', [{ kind: 'accepted' as const }], 3, { kind: 'done' }],
    ['failure with budget left', [failed()], 3, { kind: 'retry', attempt: 2 }],
    [
      'budget spent',
      [failed(), failed(['x']), failed()],
      3,
      { kind: 'stop', reason: 'Setup failed after 3 attempt(s): probe failed' },
    ],
    [
      'not provisionable stops at once',
      [{ kind: 'not_provisionable' as const, reasons: ['go: no network'] }],
      3,
      { kind: 'stop', reason: 'Not provisionable: go: no network' },
    ],
    [
      'identical tooling blockers stop',
      [failed(['go']), failed(['go'])],
      5,
      { kind: 'stop', reason: expect.stringContaining('same tooling blockers repeated (go)') },
    ],
    ['different blockers go on', [failed(['go']), failed(['rustc'])], 5, { kind: 'retry', attempt: 3 }],
  ])('%s', (_name, history, budget, expected) => {
    expect(nextSetupStep(history, budget)).toMatchObject(expected);
  });
});
