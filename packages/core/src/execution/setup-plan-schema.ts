import { z } from 'zod';
import { GitHookPolicy } from '../lifecycle/settings.ts';
import { CommandInput, normalizeRepoPath, StoredCommandSpec } from './command-spec.ts';
import { DetectedHook } from './git-hooks.ts';
import { HostContext } from './host-context.ts';
import { StoredWorkspaceInput, WorkspaceInput } from './workspace-inputs.ts';

// workflow.md §10.3: the execution setup plan. `ExecutionSetupPlan` is the canonical, stored shape; `ModelSetupPlan`
// is what a model (or a user's raw edit) may write before the normalizations of §12.3 fill and canonicalize it.

export const SETUP_PLAN_SCHEMA_VERSION = '1';

export const DEFAULT_TEMP_ROOTS = ['.ticket/runtime/execution-setup', '.ticket/runtime/execution-setup/tool-cache'];

/** §10.3: the default quality-gate policy. */
export const DEFAULT_QUALITY_GATE_POLICY = {
  tests: 'bead-test-commands-first',
  lint: 'impacted-or-package',
  typecheck: 'impacted-or-package',
  fullProjectFallback: 'never-block-on-unrelated-baseline',
};

export const QualityGatePolicy = z.object({
  tests: z.string().trim().min(1).default(DEFAULT_QUALITY_GATE_POLICY.tests),
  lint: z.string().trim().min(1).default(DEFAULT_QUALITY_GATE_POLICY.lint),
  typecheck: z.string().trim().min(1).default(DEFAULT_QUALITY_GATE_POLICY.typecheck),
  fullProjectFallback: z.string().trim().min(1).default(DEFAULT_QUALITY_GATE_POLICY.fullProjectFallback),
});

export const ReadinessStatus = z.enum(['ready', 'partial', 'missing']);
const READINESS_ALIASES: Record<string, string> = {
  ok: 'ready',
  complete: 'ready',
  satisfied: 'ready',
  incomplete: 'partial',
  partially_ready: 'partial',
  none: 'missing',
  absent: 'missing',
  not_ready: 'missing',
};
const aliased = (aliases: Record<string, string>) => (v: unknown) => {
  if (typeof v !== 'string') return v;
  const key = v.trim().toLowerCase().replaceAll('-', '_').replaceAll(' ', '_');
  return aliases[key] ?? key;
};

const Text = z.string().trim().min(1);
const TextList = z.array(Text).default([]);

export const Readiness = z.object({
  status: z.preprocess(aliased(READINESS_ALIASES), ReadinessStatus),
  actionsRequired: z.boolean(),
  evidence: TextList,
  gaps: TextList,
});

const probeShape = <C extends z.ZodType>(command: C) =>
  z.object({ id: z.string().trim().optional(), command, purpose: Text });
const validationShape = <C extends z.ZodType>(command: C) =>
  z.object({ id: z.string().trim().optional(), hook: Text, command, purpose: Text });
const stepShape = <C extends z.ZodType>(command: C) =>
  z.object({
    id: z.string().trim().optional(),
    title: z.string().trim().optional(),
    purpose: Text,
    commands: z.array(command).default([]),
    required: z.boolean().default(true),
    rationale: z.string().trim().optional(),
    cautions: TextList,
  });
const projectCommandsShape = <C extends z.ZodType>(command: C) =>
  z.object({
    prepare: z.array(command).default([]),
    testFull: z.array(command).default([]),
    lintFull: z.array(command).default([]),
    typecheckFull: z.array(command).default([]),
  });

/** What a model writes. Backend-owned fields are accepted and ignored (the backend's values win, §10.3). */
export const ModelSetupPlan = z.object({
  schemaVersion: z.unknown().optional(),
  ticketId: z.unknown().optional(),
  artifact: z.unknown().optional(),
  status: z.unknown().optional(),
  summary: Text,
  readiness: Readiness,
  tempRoots: z.array(z.string().transform(normalizeRepoPath)).optional(),
  hostContext: z.unknown().optional(),
  workspaceInputs: z.array(WorkspaceInput).default([]),
  workspaceProbes: z.array(probeShape(CommandInput)).default([]),
  gitHooks: z
    .object({
      policy: z.unknown().optional(),
      detected: z.unknown().optional(),
      validationCommands: z.array(validationShape(CommandInput)).default([]),
    })
    .default({ validationCommands: [] }),
  steps: z.array(stepShape(CommandInput)).default([]),
  projectCommands: projectCommandsShape(CommandInput),
  qualityGatePolicy: QualityGatePolicy.default(DEFAULT_QUALITY_GATE_POLICY),
  cautions: TextList,
});
export type ModelSetupPlan = z.output<typeof ModelSetupPlan>;

const StoredText = z.string();
const storedProbe = z.object({ id: StoredText, command: StoredCommandSpec, purpose: StoredText });

/** The canonical plan: ids filled, commands as specs, backend-owned fields set. No transforms (an API output). */
export const ExecutionSetupPlan = z.object({
  schemaVersion: z.string(),
  ticketId: z.string(),
  artifact: z.literal('execution_setup_plan'),
  status: z.literal('draft'),
  summary: StoredText,
  readiness: z.object({
    status: ReadinessStatus,
    actionsRequired: z.boolean(),
    evidence: z.array(StoredText),
    gaps: z.array(StoredText),
  }),
  tempRoots: z.array(z.string()),
  hostContext: HostContext,
  workspaceInputs: z.array(StoredWorkspaceInput),
  workspaceProbes: z.array(storedProbe),
  gitHooks: z.object({
    policy: GitHookPolicy,
    detected: z.array(DetectedHook),
    validationCommands: z.array(storedProbe.extend({ hook: StoredText })),
  }),
  steps: z.array(
    z.object({
      id: StoredText,
      title: StoredText,
      purpose: StoredText,
      commands: z.array(StoredCommandSpec),
      required: z.boolean(),
      rationale: StoredText,
      cautions: z.array(StoredText),
    }),
  ),
  projectCommands: z.object({
    prepare: z.array(StoredCommandSpec),
    testFull: z.array(StoredCommandSpec),
    lintFull: z.array(StoredCommandSpec),
    typecheckFull: z.array(StoredCommandSpec),
  }),
  qualityGatePolicy: z.object({
    tests: StoredText,
    lint: StoredText,
    typecheck: StoredText,
    fullProjectFallback: StoredText,
  }),
  cautions: z.array(StoredText),
});
export type ExecutionSetupPlan = z.output<typeof ExecutionSetupPlan>;

/** The root keys a plan answer may start with (for candidate extraction, §12.2). */
export const SETUP_PLAN_ROOT_KEYS = [
  'schema_version',
  'ticket_id',
  'artifact',
  'status',
  'summary',
  'readiness',
  'workspace_probes',
  'steps',
  'project_commands',
];

/** Per-field synonyms the model uses (§12.2 step 6). */
export const SETUP_PLAN_ALIASES = {
  probes: 'workspaceProbes',
  inputs: 'workspaceInputs',
  hooks: 'gitHooks',
  commands_by_family: 'projectCommands',
  timeout: 'timeoutSeconds',
  arguments: 'args',
  validations: 'validationCommands',
};
