import { describe, expect, it } from 'vitest';
import type { HostContext } from './host-context.ts';
import { parseSetupPlan, planToRaw, readStoredPlan } from './setup-plan-format.ts';
import type { PlanOwnership } from './setup-plan-normalize.ts';
import { largeInputProblems, type PlanFacts } from './setup-plan-rules.ts';

const host: HostContext = {
  os: 'linux',
  wsl: false,
  arch: 'x64',
  shells: [{ name: 'bash', kind: 'posix' }],
  preferredShell: 'posix',
};
const owner: PlanOwnership = {
  ticketId: 'AUTH-12',
  host,
  hooks: {
    policy: 'validate_advisory',
    detected: [
      {
        name: 'pre-commit',
        path: '.husky/pre-commit',
        source: 'core.hooksPath',
        executable: 'yes',
        managerHint: 'husky',
      },
    ],
  },
};
const facts: PlanFacts = {
  repo: {
    files: new Set(['package.json', 'src/index.js', 'go.mod']),
    packageScripts: new Map([['.', new Set(['test', 'lint'])]]),
  },
  isLauncherAvailable: (launcher) => ['node', 'npm', 'sh', 'git'].includes(launcher),
  beadTestCommands: ['node --test'],
};

interface Plan {
  [key: string]: unknown;
  readiness: Record<string, unknown>;
  workspace_probes: unknown[];
}

/** A valid ready plan; each case changes one thing. */
const base = (): Plan => ({
  schema_version: '7',
  ticket_id: 'WRONG-1',
  summary: 'Node is installed; the tests run.',
  readiness: { status: 'ready', actions_required: false, evidence: ['node --test passes'], gaps: [] },
  workspace_probes: [
    { id: 'node-version', command: { program: 'node', args: ['--version'] }, purpose: 'node exists' },
    { id: 'tests', command: { program: 'node', args: ['--test'] }, purpose: 'the tests load' },
  ],
  project_commands: { test_full: [{ program: 'npm', args: ['test'] }] },
});
const answer = (plan: Plan) => `Here it is:\n<EXECUTION_SETUP_PLAN>\n${JSON.stringify(plan)}\n</EXECUTION_SETUP_PLAN>`;
const parse = (plan: Plan) => parseSetupPlan(answer(plan), owner, facts);
const errorOf = (plan: Plan) => {
  const result = parse(plan);
  return result.ok ? 'valid' : result.error;
};

describe('setup plan normalization (workflow.md §10.3, §12.3)', () => {
  it('fills backend-owned fields, defaults and ids, and reads snake_case keys', () => {
    const result = parse({
      ...base(),
      readiness: { status: 'partial', actions_required: true, evidence: [], gaps: ['deps missing'] },
      steps: [
        { purpose: 'Install dependencies', commands: [{ program: 'npm', args: ['ci'] }] },
        { id: 'x', title: 'T', purpose: 'P', rationale: 'R' },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { plan } = result.value;
    expect(plan).toMatchObject({
      schemaVersion: '1',
      ticketId: 'AUTH-12',
      artifact: 'execution_setup_plan',
      status: 'draft',
      hostContext: host,
      tempRoots: ['.ticket/runtime/execution-setup', '.ticket/runtime/execution-setup/tool-cache'],
      gitHooks: { policy: 'validate_advisory', detected: owner.hooks.detected, validationCommands: [] },
      qualityGatePolicy: {
        tests: 'bead-test-commands-first',
        lint: 'impacted-or-package',
        typecheck: 'impacted-or-package',
        fullProjectFallback: 'never-block-on-unrelated-baseline',
      },
      projectCommands: { prepare: [], lintFull: [], typecheckFull: [] },
    });
    expect(plan.steps.map((s) => [s.id, s.title, s.rationale])).toEqual([
      ['setup-step-1', 'Install dependencies', 'Install dependencies'],
      ['x', 'T', 'R'],
    ]);
    expect(plan.steps[0]?.commands[0]).toEqual({
      kind: 'exec',
      program: 'npm',
      args: ['ci'],
      cwd: '.',
      env: {},
      timeoutSeconds: null,
    });
  });

  it('turns a legacy command string into a host shell script, with a warning', () => {
    const result = parse({ ...base(), workspace_probes: [{ id: 'p', command: 'node --test', purpose: 'tests load' }] });
    expect(result.ok && result.value.plan.workspaceProbes[0]?.command).toEqual({
      kind: 'script',
      shell: 'posix',
      script: 'node --test',
      cwd: '.',
      env: {},
      timeoutSeconds: null,
    });
    expect(result.ok && result.value.warnings).toEqual([expect.stringContaining('"node --test" was a plain string')]);
  });

  it('accepts readiness and shell aliases, normalizes paths and command cwd', () => {
    const result = parse({
      ...base(),
      readiness: { status: 'Incomplete', actions_required: true, evidence: [], gaps: [] },
      workspace_inputs: [
        { path: './config\\local.json', kind: 'file', source_status: 'gitignored', reason: 'secrets' },
      ],
      workspace_probes: [{ id: 'p', command: { shell: 'bash', script: 'node --test', cwd: './src/' }, purpose: 'p' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.plan.readiness.status).toBe('partial');
    expect(result.value.plan.workspaceInputs[0]).toMatchObject({
      path: 'config/local.json',
      sourceStatus: 'ignored',
      allowLarge: false,
    });
    expect(result.value.plan.workspaceProbes[0]?.command).toMatchObject({ shell: 'posix', cwd: 'src' });
  });

  it('round-trips through its raw form (snake_case JSON, env keys kept)', () => {
    const result = parse({
      ...base(),
      workspace_probes: [
        { id: 'p', command: { program: 'node', args: ['--test'], env: { NODE_ENV: 'test' } }, purpose: 'p' },
      ],
    });
    if (!result.ok) throw new Error(result.error);
    const raw = planToRaw(result.value.plan);
    expect(raw).toContain('"schema_version": "1"');
    expect(raw).toContain('"NODE_ENV": "test"');
    expect(readStoredPlan(raw)).toEqual(result.value.plan);
  });
});

describe('setup plan invariants (workflow.md §10.3), reported by field', () => {
  it.each<[string, (p: Plan) => Plan, string]>([
    ['a valid plan', (p) => p, 'valid'],
    [
      'ready without actions but with steps',
      (p) => ({ ...p, steps: [{ purpose: 'x', commands: [] }] }),
      'readiness: ready with actions_required false means steps and workspace_inputs must both be empty',
    ],
    [
      'actions required but nothing to do',
      (p) => ({ ...p, readiness: { ...p.readiness, status: 'partial', actions_required: true } }),
      'readiness.actionsRequired: actions_required is true but there are no steps',
    ],
    [
      'not ready but no actions',
      (p) => ({ ...p, readiness: { ...p.readiness, status: 'missing' } }),
      'readiness.actionsRequired: readiness is missing, so actions_required must be true',
    ],
    [
      'ready while a launcher is missing',
      (p) => ({
        ...p,
        workspace_probes: [
          ...p.workspace_probes,
          { id: 'go', command: { program: 'go', args: ['test', './...'] }, purpose: 'go tests' },
        ],
      }),
      'readiness.status: cannot be ready: "go"',
    ],
    [
      'an npm script the package.json does not define',
      (p) => ({ ...p, project_commands: { lint_full: [{ program: 'npm', args: ['run', 'typecheck'] }] } }),
      'projectCommands.lintFull[0]: "npm run typecheck" runs the script "typecheck", which package.json does not define',
    ],
    [
      'a manifest launcher without its manifest',
      (p) => ({
        ...p,
        readiness: { ...p.readiness, status: 'partial', actions_required: true },
        steps: [{ purpose: 'build', commands: [{ program: 'cargo', args: ['build'] }] }],
      }),
      'steps[0].commands[0]: "cargo build" needs Cargo.toml',
    ],
    [
      'only version probes while tests exist',
      (p) => ({ ...p, workspace_probes: [p.workspace_probes[0]] }),
      'workspaceProbes: at least one workspace probe must load or exercise the real project',
    ],
    [
      'a which-probe does not exercise the project',
      (p) => ({
        ...p,
        workspace_probes: [{ id: 'w', command: { shell: 'posix', script: 'command -v node' }, purpose: 'w' }],
      }),
      'workspaceProbes: at least one workspace probe',
    ],
    [
      'a workspace input inside .git',
      (p) => ({
        ...p,
        readiness: { ...p.readiness, status: 'partial', actions_required: true },
        workspace_inputs: [{ path: '.git/config', kind: 'file', source_status: 'untracked', reason: 'r' }],
      }),
      'workspaceInputs[0].path: ".git/config" is internal',
    ],
    [
      'a reproducible workspace input',
      (p) => ({
        ...p,
        readiness: { ...p.readiness, status: 'partial', actions_required: true },
        workspace_inputs: [{ path: 'node_modules', kind: 'directory', source_status: 'ignored', reason: 'r' }],
      }),
      '"node_modules" is reproducible (node_modules)',
    ],
    [
      'a workspace input outside the checkout',
      (p) => ({
        ...p,
        readiness: { ...p.readiness, status: 'partial', actions_required: true },
        workspace_inputs: [{ path: '../secrets.env', kind: 'file', source_status: 'untracked', reason: 'r' }],
      }),
      'workspaceInputs[0].path: "../secrets.env" leaves the project (..)',
    ],
    [
      'a temp root outside .ticket/runtime',
      (p) => ({ ...p, temp_roots: ['/tmp/setup'] }),
      'tempRoots[0]: "/tmp/setup" is not inside .ticket/runtime/',
    ],
    [
      'a validation command for an undetected hook',
      (p) => ({
        ...p,
        git_hooks: {
          validation_commands: [{ hook: 'pre-push', command: { program: 'npm', args: ['test'] }, purpose: 'p' }],
        },
      }),
      'gitHooks.validationCommands[0].hook: no "pre-push" hook was detected',
    ],
    [
      'duplicate probe ids',
      (p) => ({ ...p, workspace_probes: [p.workspace_probes[1], p.workspace_probes[1]] }),
      'workspaceProbes[1].id: duplicate id tests',
    ],
    [
      'a command with a cwd outside the checkout',
      (p) => ({
        ...p,
        workspace_probes: [{ id: 'p', command: { program: 'node', args: ['--test'], cwd: '/etc' }, purpose: 'p' }],
      }),
      'cwd "/etc" is absolute',
    ],
    [
      'a timeout above the bound',
      (p) => ({
        ...p,
        workspace_probes: [{ id: 'p', command: { program: 'node', args: ['--test'], timeout: 99999 }, purpose: 'p' }],
      }),
      'workspaceProbes[0].command',
    ],
    [
      'an unknown shell',
      (p) => ({
        ...p,
        workspace_probes: [{ id: 'p', command: { shell: 'fish', script: 'node --test' }, purpose: 'p' }],
      }),
      'workspaceProbes[0].command',
    ],
  ])('%s', (_name, change, expected) => {
    expect(errorOf(change(base()))).toContain(expected);
  });

  it('accepts a missing launcher that the repo backs when the plan is not ready (a valid setup requirement)', () => {
    const plan = {
      ...base(),
      readiness: { status: 'partial', actions_required: true, evidence: [], gaps: ['go is missing'] },
      steps: [{ purpose: 'Provision go', commands: [{ program: 'go', args: ['mod', 'download'] }] }],
    };
    expect(errorOf(plan)).toBe('valid');
  });

  it('asks for the explicit override on a large input, by the backend preview (§10.4)', () => {
    const input = (preview: { fileCount: number; bytes: number } | null, allowLarge = false) => ({
      path: 'fixtures',
      kind: 'directory' as const,
      sourceStatus: 'ignored' as const,
      reason: 'r',
      allowLarge,
      preview,
    });
    expect(largeInputProblems({ workspaceInputs: [input({ fileCount: 900, bytes: 10 })] })).toEqual([
      {
        path: ['workspaceInputs', 0, 'allowLarge'],
        message: '"fixtures" is large (900 files, 10 bytes); set allow_large to copy it',
      },
    ]);
    expect(largeInputProblems({ workspaceInputs: [input({ fileCount: 3, bytes: 6_000_000 }, true)] })).toEqual([]);
    expect(largeInputProblems({ workspaceInputs: [input({ fileCount: 3, bytes: 100 }), input(null)] })).toEqual([]);
  });

  it('ignores a preview the model made up (backend-owned)', () => {
    const result = parse({
      ...base(),
      readiness: { status: 'partial', actions_required: true, evidence: [], gaps: [] },
      workspace_inputs: [
        { path: 'cfg.json', kind: 'file', source_status: 'ignored', reason: 'r', preview: { file_count: 1, bytes: 1 } },
      ],
    });
    expect(result.ok && result.value.plan.workspaceInputs[0]?.preview).toBeNull();
  });

  it('needs no project-exercising probe when there is nothing to exercise', () => {
    const plan = { ...base(), workspace_probes: [base().workspace_probes[0]], project_commands: {} };
    expect(parseSetupPlan(answer(plan), owner, { ...facts, beadTestCommands: [] }).ok).toBe(true);
  });
});
