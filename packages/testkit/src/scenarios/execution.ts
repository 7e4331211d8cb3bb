import type { Reply, Rule, Scenario } from '../scripted-model/index.ts';
import { phaseRule } from './interview.ts';
import { type PlanningScenarioOptions, planningScenario } from './planning.ts';

// The pre-implementation phases (workflow.md §10.2–§10.5) on the sample repository, answered so that the real
// OpenCode binary runs real probe commands in the worktree (`node --version`, `node --test`).

const command = (program: string, ...args: string[]) => ({ program, args });

/** The test command the probes run: `node --test` by default (a repository whose tests fail on purpose names its green ones). */
const DEFAULT_TEST_ARGS = ['--test'];

/** A ready plan for the sample repository: node is on the host, `node --test` exercises the project. */
export const samplePlan = (
  summary = 'Node is on the host; node --test runs the project tests.',
  testArgs: string[] = DEFAULT_TEST_ARGS,
) => ({
  summary,
  readiness: {
    status: 'ready',
    actions_required: false,
    evidence: ['node --version answers', 'node --test runs'],
    gaps: [],
  },
  workspace_inputs: [],
  workspace_probes: [
    { id: 'node', command: command('node', '--version'), purpose: 'the launcher exists' },
    { id: 'tests', command: command('node', ...testArgs), purpose: 'the project tests load and run' },
  ],
  git_hooks: { validation_commands: [] },
  steps: [],
  project_commands: { prepare: [], test_full: [command('node', ...testArgs)], lint_full: [], typecheck_full: [] },
  cautions: [],
});

const planReply = (plan: unknown): Reply => ({
  text: `<EXECUTION_SETUP_PLAN>\n${JSON.stringify(plan, null, 2)}\n</EXECUTION_SETUP_PLAN>`,
});

/** A setup result; `toolingProbe` is what the agent claims proves its tooling (the backend runs it). */
export const setupResult = (
  options: { status?: 'ready' | 'blocked'; toolingProbe?: string; notProvisionable?: string; testArgs?: string[] } = {},
): Reply => {
  const tests = command('node', ...(options.testArgs ?? DEFAULT_TEST_ARGS));
  const status = options.status ?? 'ready';
  const blocked = status === 'blocked';
  const result = {
    status,
    summary: blocked ? 'The toolchain cannot be provisioned here.' : 'The workspace is ready.',
    profile: {
      status,
      summary: blocked ? 'Blocked.' : 'Node works; the tests run.',
      temp_roots: ['.ticket/runtime/execution-setup'],
      bootstrap_commands: [],
      tooling_probe_commands: [command(options.toolingProbe ?? 'node', '--version')],
      workspace_probes: [{ id: 'tests', command: tests, purpose: 'the tests run' }],
      tool_requirements: options.notProvisionable
        ? [
            {
              launcher: 'zig',
              required_by: ['tests'],
              status: 'not_provisionable',
              failure_reason: options.notProvisionable,
            },
          ]
        : [{ launcher: options.toolingProbe ?? 'node', required_by: ['tests'], status: 'available' }],
      reusable_artifacts: [],
      project_commands: { test_full: [tests] },
      cautions: [],
    },
    checks: { workspace: 'pass', tooling: blocked ? 'fail' : 'pass', temp_scope: 'pass', policy: 'pass' },
  };
  return { text: `<EXECUTION_SETUP_RESULT>\n${JSON.stringify(result, null, 2)}\n</EXECUTION_SETUP_RESULT>` };
};

export interface ExecutionScenarioOptions extends PlanningScenarioOptions {
  /** The setup results, one per attempt, after the agent ran `node --version` through OpenCode's bash tool. */
  setupResults?: Reply[];
  /** Rules tried before the built-in ones (e.g. the answer to a "Retry with note" text). */
  extraRules?: Rule[];
  /** Arguments of the `node` test command the plan's and the profile's probes run (default `--test`). */
  testArgs?: string[];
}

/** Planning, then pre-flight, the setup plan (a regeneration answers with a new summary) and workspace setup. */
export function executionScenario(options: ExecutionScenarioOptions = {}): Scenario & { rules: Rule[] } {
  return {
    rules: [
      ...(options.extraRules ?? []),
      ...planningScenario(options).rules,
      phaseRule('PRE_FLIGHT_CHECK', { text: 'OK' }),
      phaseRule(
        'GENERATING_EXECUTION_SETUP_PLAN',
        planReply(samplePlan('Regenerated: node --test is the full test command.', options.testArgs)),
        {
          marker: '## Task: regenerate the execution setup plan',
        },
      ),
      phaseRule('GENERATING_EXECUTION_SETUP_PLAN', planReply(samplePlan(undefined, options.testArgs))),
      phaseRule(
        'PREPARING_EXECUTION_ENV',
        { text: 'The probe named a launcher that does not exist; use node.' },
        {
          marker: '## Task: setup retry note',
        },
      ),
      phaseRule('PREPARING_EXECUTION_ENV', options.setupResults ?? [setupResult({ testArgs: options.testArgs })], {
        afterToolResult: true,
      }),
      phaseRule('PREPARING_EXECUTION_ENV', {
        toolCalls: [
          {
            name: 'bash',
            arguments: {
              command: `node --version && node ${(options.testArgs ?? DEFAULT_TEST_ARGS).join(' ')}`,
              description: 'Check node and the tests',
            },
          },
        ],
      }),
    ],
  };
}
