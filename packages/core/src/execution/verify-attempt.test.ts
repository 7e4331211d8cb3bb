import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChildProcessRunner } from '../commands/child-process.ts';
import { fromLegacy } from './command-spec.ts';
import { ExecutionSetupPlan } from './setup-plan-schema.ts';
import { SetupResult } from './setup-result.ts';
import { verifyAttempt } from './verify-attempt.ts';

// workflow.md §10.5 step 5 and §10.13 through the backend's own verification, on a real git repository and the real
// command runner: a probe that changes the worktree fails the attempt with a plain message, a hook validation's
// rewrites are undone with a warning, and neither leaves a tracked file modified.

const sh = (script: string) => fromLegacy(script, 'posix').spec;
const node = { kind: 'exec' as const, program: 'node', args: ['--version'], cwd: '.', env: {}, timeoutSeconds: null };

function planWith(probe: string, hook: string | null, policy: 'validate_advisory' | 'validate_required') {
  return ExecutionSetupPlan.parse({
    schemaVersion: '1',
    ticketId: 'SMP-1',
    artifact: 'execution_setup_plan',
    status: 'draft',
    summary: 'Node works',
    readiness: { status: 'ready', actionsRequired: false, evidence: [], gaps: [] },
    tempRoots: [],
    hostContext: { os: 'linux', wsl: false, arch: 'x64', shells: [], preferredShell: 'posix' },
    workspaceInputs: [],
    workspaceProbes: [{ id: 'tests', command: sh(probe), purpose: 'the project loads' }],
    gitHooks: {
      policy,
      detected: [],
      validationCommands: hook ? [{ id: 'fmt', hook: 'pre-commit', command: sh(hook), purpose: 'format' }] : [],
    },
    steps: [],
    projectCommands: { prepare: [], testFull: [sh(probe)], lintFull: [], typecheckFull: [] },
    qualityGatePolicy: { tests: 'a', lint: 'b', typecheck: 'c', fullProjectFallback: 'd' },
    cautions: [],
  });
}

const ready = SetupResult.parse({
  status: 'ready',
  summary: 'ready',
  profile: { status: 'ready', summary: 'ready', toolingProbeCommands: [node] },
  checks: { workspace: 'pass', tooling: 'pass', tempScope: 'pass', policy: 'pass' },
});

describe('verifying a setup attempt leaves tracked files as they were', () => {
  let repo: TempRepo;
  const deps = { commands: createChildProcessRunner({ env: { PATH: process.env.PATH } }), env: {} };
  beforeEach(async () => {
    repo = await createTempRepo();
  });
  afterEach(() => repo.cleanup());

  const verify = (plan: ExecutionSetupPlan) =>
    verifyAttempt(deps, repo.dir, plan, ready, new AbortController().signal, Date.now() + 30_000);

  it('fails a probe that changes the worktree, names what it changed, and puts it back', async () => {
    const { verification, probes } = await verify(
      planWith('echo "// formatted" >> src/index.js && node --version', null, 'validate_advisory'),
    );
    expect(verification.ok).toBe(false);
    expect(verification.failures).toEqual([
      expect.stringMatching(
        /^workspace probe tests \(.*\) is not read-only: it changed src\/index\.js; LoopTroop put them back/,
      ),
    ]);
    expect(probes.find((p) => p.id === 'tests')).toMatchObject({ exitCode: 0, worktreeChanges: ['src/index.js'] });
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('undoes what a hook validation rewrote and reports it as a warning (§10.13)', async () => {
    const { verification, probes } = await verify(
      planWith('node --version', 'echo "// hook" >> src/index.js && echo tmp > hook.out', 'validate_required'),
    );
    expect(verification).toMatchObject({ ok: true, failures: [] });
    expect(verification.warnings).toEqual([
      expect.stringContaining('changed hook.out, src/index.js; LoopTroop put them back'),
    ]);
    expect(probes.map((p) => [p.kind, p.id, p.exitCode])).toEqual([
      ['tooling', 'tooling-1', 0],
      ['workspace', 'tests', 0],
      ['hook', 'pre-commit', 0],
    ]);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(await readFile(join(repo.dir, 'src', 'index.js'), 'utf8')).toBe('export const hello = () => "hello";\n');
  });

  it('accepts read-only probes', async () => {
    const { verification } = await verify(planWith('node --version && cat README.md', 'true', 'validate_advisory'));
    expect(verification).toEqual({ ok: true, failures: [], warnings: [], cautions: [] });
  });
});
