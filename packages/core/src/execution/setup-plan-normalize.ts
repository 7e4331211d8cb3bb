import type { z } from 'zod';
import type { GitHookPolicy } from '../lifecycle/settings.ts';
import { type CommandInput, type CommandSpec, fromLegacy } from './command-spec.ts';
import type { DetectedHook } from './git-hooks.ts';
import type { HostContext } from './host-context.ts';
import {
  DEFAULT_TEMP_ROOTS,
  type ExecutionSetupPlan,
  type ModelSetupPlan,
  SETUP_PLAN_SCHEMA_VERSION,
} from './setup-plan-schema.ts';

/** The backend-owned values of a plan (§10.3: "backend-owned values win"). */
export interface PlanOwnership {
  ticketId: string;
  host: HostContext;
  hooks: { policy: z.infer<typeof GitHookPolicy>; detected: DetectedHook[] };
}

/**
 * §10.3 / §12.3 deterministic fills: backend-owned identity, host context and hook evidence; missing step ids →
 * `setup-step-<n>` (probes `probe-<n>`, hook checks `hook-check-<n>`); missing step title or rationale → its purpose;
 * legacy command strings → a script for the host's preferred shell, each with a warning. Nothing semantic is invented.
 */
export function normalizeSetupPlan(
  model: ModelSetupPlan,
  owner: PlanOwnership,
  /** Copy previews measured earlier, kept across edits when the input is unchanged. */
  previews: ReadonlyMap<string, ExecutionSetupPlan['workspaceInputs'][number]['preview']> = new Map(),
): { plan: ExecutionSetupPlan; warnings: string[] } {
  const warnings: string[] = [];
  const spec = (command: CommandInput): CommandSpec => {
    const converted = fromLegacy(command, owner.host.preferredShell);
    if (converted.warning) warnings.push(converted.warning);
    return converted.spec;
  };
  const specs = (commands: readonly CommandInput[]) => commands.map(spec);
  const fill = (id: string | undefined, prefix: string, index: number) => (id ? id : `${prefix}-${index + 1}`);
  const plan: ExecutionSetupPlan = {
    schemaVersion: SETUP_PLAN_SCHEMA_VERSION,
    ticketId: owner.ticketId,
    artifact: 'execution_setup_plan',
    status: 'draft',
    summary: model.summary,
    readiness: model.readiness,
    tempRoots: model.tempRoots?.length ? [...new Set(model.tempRoots)] : [...DEFAULT_TEMP_ROOTS],
    hostContext: owner.host,
    // The copy preview is backend-owned: whatever the model wrote there is replaced by what was measured.
    workspaceInputs: model.workspaceInputs.map((input) => ({ ...input, preview: previews.get(input.path) ?? null })),
    workspaceProbes: model.workspaceProbes.map((probe, i) => ({
      id: fill(probe.id, 'probe', i),
      command: spec(probe.command),
      purpose: probe.purpose,
    })),
    gitHooks: {
      policy: owner.hooks.policy,
      detected: owner.hooks.detected,
      validationCommands: model.gitHooks.validationCommands.map((check, i) => ({
        id: fill(check.id, 'hook-check', i),
        hook: check.hook,
        command: spec(check.command),
        purpose: check.purpose,
      })),
    },
    steps: model.steps.map((step, i) => ({
      id: fill(step.id, 'setup-step', i),
      title: step.title || step.purpose,
      purpose: step.purpose,
      commands: specs(step.commands),
      required: step.required,
      rationale: step.rationale || step.purpose,
      cautions: step.cautions,
    })),
    projectCommands: {
      prepare: specs(model.projectCommands.prepare),
      testFull: specs(model.projectCommands.testFull),
      lintFull: specs(model.projectCommands.lintFull),
      typecheckFull: specs(model.projectCommands.typecheckFull),
    },
    qualityGatePolicy: model.qualityGatePolicy,
    cautions: model.cautions,
  };
  return { plan, warnings };
}
