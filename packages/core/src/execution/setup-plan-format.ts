import type { z } from 'zod';
import { parseStructured, type StructuredResult, type StructuredSpec } from '../structured/index.ts';
import { normalizeSetupPlan, type PlanOwnership } from './setup-plan-normalize.ts';
import { type PlanFacts, setupPlanProblems } from './setup-plan-rules.ts';
import { ExecutionSetupPlan, ModelSetupPlan, SETUP_PLAN_ALIASES, SETUP_PLAN_ROOT_KEYS } from './setup-plan-schema.ts';

// §10.3 / §12.3: `<EXECUTION_SETUP_PLAN>` in JSON or YAML through the shared structured-output pipeline, then the
// deterministic fills and every invariant as validation issues (so the model gets them back in a repair retry).

export const SETUP_PLAN_TAG = 'EXECUTION_SETUP_PLAN';

export interface NormalizedPlan {
  plan: ExecutionSetupPlan;
  warnings: string[];
}

/** The structured spec of a setup plan for this ticket, host and repository. */
export function setupPlanSpec(owner: PlanOwnership, facts: PlanFacts): StructuredSpec<NormalizedPlan> {
  const schema = ModelSetupPlan.transform((model) => normalizeSetupPlan(model, owner)).superRefine(
    (normalized, issue) => {
      for (const problem of setupPlanProblems(normalized.plan, facts))
        issue.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    },
  );
  return {
    schema,
    tag: SETUP_PLAN_TAG,
    rootKeys: SETUP_PLAN_ROOT_KEYS,
    wrappers: ['execution_setup_plan', 'plan', 'setup_plan'],
    aliases: SETUP_PLAN_ALIASES,
  };
}

export const SETUP_PLAN_FORMAT_REMINDER =
  'Exactly one <EXECUTION_SETUP_PLAN>…</EXECUTION_SETUP_PLAN> block holding one JSON (or YAML) object with summary, readiness {status: ready|partial|missing, actions_required, evidence, gaps}, temp_roots, workspace_inputs, workspace_probes [{id, command, purpose}], git_hooks {validation_commands}, steps [{id, title, purpose, commands, required, rationale, cautions}], project_commands {prepare, test_full, lint_full, typecheck_full}, quality_gate_policy, cautions. Commands are {program, args, cwd, env, timeout_seconds} or {shell: posix|cmd|powershell, script, cwd}.';

/** Parse a model answer or a user's raw edit into a valid, normalized plan (or the problems by field). */
export function parseSetupPlan(text: string, owner: PlanOwnership, facts: PlanFacts): StructuredResult<NormalizedPlan> {
  return parseStructured(text, setupPlanSpec(owner, facts));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Keys whose object values are data (their keys are never renamed). */
const DATA_MAPS = new Set(['env']);

function toSnakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), DATA_MAPS.has(k) ? v : toSnakeKeys(v)]));
}

/** The raw form a plan is stored and shown in: pretty JSON with the spec's snake_case keys (api-reference example). */
export function planToRaw(plan: ExecutionSetupPlan): string {
  return `${JSON.stringify(toSnakeKeys(plan), null, 2)}\n`;
}

/** Read a stored plan back (its raw form); null when it is not a canonical plan (a failed generation's raw text). */
export function readStoredPlan(raw: string): ExecutionSetupPlan | null {
  const result = parseStructured(raw, { schema: ExecutionSetupPlan as z.ZodType<ExecutionSetupPlan> });
  return result.ok ? result.value : null;
}
