import { z } from 'zod';
import type { StructuredSpec } from '../structured/index.ts';
import { CommandInput } from './command-spec.ts';
import { DetectedHook } from './git-hooks.ts';
import { QualityGatePolicy } from './setup-plan-schema.ts';
import { WorkspaceInput } from './workspace-inputs.ts';

// workflow.md §10.5 steps 3–4: `<EXECUTION_SETUP_RESULT>` and the rules for an honest result.

export const SETUP_RESULT_TAG = 'EXECUTION_SETUP_RESULT';

const bucket = (aliases: Record<string, string>) => (v: unknown) => {
  if (typeof v !== 'string') return v;
  const key = v.trim().toLowerCase().replaceAll('-', '_').replaceAll(' ', '_');
  return aliases[key] ?? key;
};

const RESULT_STATUS = {
  ok: 'ready',
  success: 'ready',
  succeeded: 'ready',
  complete: 'ready',
  done: 'ready',
  failed: 'blocked',
  failure: 'blocked',
  error: 'blocked',
  not_ready: 'blocked',
};
const CHECK_STATUS = {
  ok: 'pass',
  passed: 'pass',
  success: 'pass',
  true: 'pass',
  failed: 'fail',
  failure: 'fail',
  error: 'fail',
  false: 'fail',
};
/** §12.3 "tool status buckets". */
const TOOL_STATUS = {
  present: 'available',
  found: 'available',
  ok: 'available',
  installed: 'provisioned',
  bootstrapped: 'provisioned',
  missing: 'failed',
  error: 'failed',
  unavailable: 'not_provisionable',
  impossible: 'not_provisionable',
  unprovisionable: 'not_provisionable',
};

export const SetupStatus = z.preprocess(bucket(RESULT_STATUS), z.enum(['ready', 'blocked']));
const CheckStatus = z.preprocess(bucket(CHECK_STATUS), z.enum(['pass', 'fail']));
const Text = z.string().trim().min(1);
const TextList = z.array(Text).default([]);
const Commands = z.array(CommandInput).default([]);

export const ToolRequirement = z.object({
  launcher: Text,
  requiredBy: TextList,
  status: z.preprocess(bucket(TOOL_STATUS), z.enum(['available', 'provisioned', 'failed', 'not_provisionable'])),
  missingProbe: CommandInput.nullable().default(null),
  provisioningAttempts: z
    .array(
      z.object({ strategy: Text, commands: Commands, result: z.string().default(''), reason: z.string().default('') }),
    )
    .default([]),
  finalProbe: CommandInput.nullable().default(null),
  failureReason: z.string().trim().nullable().default(null),
});
export type ToolRequirement = z.output<typeof ToolRequirement>;

export const SetupProfile = z.object({
  schemaVersion: z.unknown().optional(),
  ticketId: z.unknown().optional(),
  artifact: z.unknown().optional(),
  status: SetupStatus,
  summary: Text,
  tempRoots: TextList,
  workspaceInputs: z.array(WorkspaceInput).default([]),
  bootstrapCommands: Commands,
  toolingProbeCommands: Commands,
  workspaceProbes: z
    .array(z.object({ id: z.string().optional(), command: CommandInput, purpose: z.string().default('') }))
    .default([]),
  gitHooks: z
    .object({
      policy: z.unknown().optional(),
      detected: z.array(DetectedHook).default([]),
      validationCommands: z
        .array(
          z.object({ id: z.string().optional(), hook: Text, command: CommandInput, purpose: z.string().default('') }),
        )
        .default([]),
    })
    .default({ detected: [], validationCommands: [] }),
  toolRequirements: z.array(ToolRequirement).default([]),
  reusableArtifacts: z
    .array(
      z.object({
        path: Text,
        kind: z.enum(['cache', 'environment', 'command-wrapper']),
        purpose: z.string().default(''),
      }),
    )
    .default([]),
  projectCommands: z
    .object({ prepare: Commands, testFull: Commands, lintFull: Commands, typecheckFull: Commands })
    .default({ prepare: [], testFull: [], lintFull: [], typecheckFull: [] }),
  qualityGatePolicy: QualityGatePolicy.optional(),
  cautions: TextList,
});
export type SetupProfile = z.output<typeof SetupProfile>;

export const SetupChecks = z.object({
  workspace: CheckStatus,
  tooling: CheckStatus,
  tempScope: CheckStatus,
  policy: CheckStatus,
});

export const SetupResult = z.object({ status: SetupStatus, summary: Text, profile: SetupProfile, checks: SetupChecks });
export type SetupResult = z.output<typeof SetupResult>;

/** §10.5 step 4: the honesty rules, as problems (empty = an honest result). */
export function setupResultProblems(result: SetupResult): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (result.status !== result.profile.status)
    problems.push({
      path: ['profile', 'status'],
      message: `the result says ${result.status} but the profile says ${result.profile.status}; they must match`,
    });
  const failedChecks = Object.entries(result.checks)
    .filter(([, v]) => v === 'fail')
    .map(([k]) => k);
  const failedTools = result.profile.toolRequirements.filter(
    (t) => t.status === 'failed' || t.status === 'not_provisionable',
  );
  if (result.status === 'ready') {
    for (const check of failedChecks)
      problems.push({ path: ['checks', check], message: `a ready result needs every check to pass; ${check} failed` });
    for (const tool of failedTools)
      problems.push({
        path: ['profile', 'toolRequirements'],
        message: `a ready result cannot have ${tool.launcher} ${tool.status}`,
      });
  }
  if (result.status === 'blocked' && failedChecks.length === 0 && failedTools.length === 0)
    problems.push({
      path: ['checks'],
      message: 'a blocked result needs at least one explicit failure (a failing check or tool)',
    });
  result.profile.toolRequirements.forEach((tool, i) => {
    if (tool.status === 'not_provisionable' && !tool.failureReason)
      problems.push({
        path: ['profile', 'toolRequirements', i, 'failureReason'],
        message: `say why ${tool.launcher} is not provisionable`,
      });
  });
  return problems;
}

export const setupResultSpec: StructuredSpec<SetupResult> & { formatReminder: string } = {
  schema: SetupResult.superRefine((result, issue) => {
    for (const p of setupResultProblems(result)) issue.addIssue({ code: 'custom', path: p.path, message: p.message });
  }),
  tag: SETUP_RESULT_TAG,
  rootKeys: ['status', 'summary', 'profile', 'checks'],
  wrappers: ['execution_setup_result', 'setup_result'],
  aliases: { timeout: 'timeoutSeconds', arguments: 'args', requirements: 'toolRequirements' },
  formatReminder:
    'Exactly one <EXECUTION_SETUP_RESULT>…</EXECUTION_SETUP_RESULT> block with one JSON object {status: ready|blocked, summary, profile {status (same), summary, temp_roots, workspace_inputs, bootstrap_commands, tooling_probe_commands, workspace_probes, git_hooks, tool_requirements, reusable_artifacts, project_commands, quality_gate_policy, cautions}, checks {workspace, tooling, temp_scope, policy: pass|fail}}.',
};

/**
 * §10.5 step 4: a short progress-only reply ("installing…") is not a result. Anything that carries the result tag,
 * or looks like a structured answer, is a result (valid or not) and goes through the normal pipeline instead.
 */
export function isProgressOnlyReply(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.includes(`<${SETUP_RESULT_TAG}`)) return false;
  if (/^\s*[{[]/.test(trimmed) || /^\s*(status|checks|profile)\s*:/m.test(trimmed)) return false;
  return trimmed.length <= 600;
}
