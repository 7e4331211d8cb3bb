import { commandEvidenceProblem, exercisesProject, type RepoEvidence } from './command-evidence.ts';
import { type CommandSpec, commandText, launcherOf } from './command-spec.ts';
import { isWithin } from './repo-path.ts';
import type { ExecutionSetupPlan } from './setup-plan-schema.ts';
import { DEFAULT_INPUT_LIMIT_BYTES, DEFAULT_INPUT_LIMIT_FILES, workspaceInputPathProblem } from './workspace-inputs.ts';

/** A plan problem, by field (the 400 body and the model's correction prompt name the field). */
export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

/** What the rules need to know about the host and the repository. */
export interface PlanFacts {
  repo: RepoEvidence;
  /** Is the launcher runnable on the host right now (PATH, or a file in the checkout for `./x` launchers)? */
  isLauncherAvailable: (launcher: string, cwd: string) => boolean;
  /** The approved beads' test commands (§10.3: probes must exercise the project when any exist). */
  beadTestCommands: readonly string[];
}

/** The temp roots a plan may claim: LoopTroop's runtime folder, which never reaches a commit (§10.1). */
export const TEMP_ROOT_BASE = '.ticket/runtime';

/** Every command of the plan with the field it sits in. */
export function planCommands(plan: ExecutionSetupPlan): { path: (string | number)[]; spec: CommandSpec }[] {
  const out: { path: (string | number)[]; spec: CommandSpec }[] = [];
  for (const [i, p] of plan.workspaceProbes.entries())
    out.push({ path: ['workspaceProbes', i, 'command'], spec: p.command });
  for (const [i, c] of plan.gitHooks.validationCommands.entries())
    out.push({ path: ['gitHooks', 'validationCommands', i, 'command'], spec: c.command });
  for (const [i, s] of plan.steps.entries())
    for (const [j, c] of s.commands.entries()) out.push({ path: ['steps', i, 'commands', j], spec: c });
  for (const family of ['prepare', 'testFull', 'lintFull', 'typecheckFull'] as const)
    for (const [i, c] of plan.projectCommands[family].entries())
      out.push({ path: ['projectCommands', family, i], spec: c });
  return out;
}

function duplicateIds(items: readonly { id: string }[], field: string): PlanProblem[] {
  const seen = new Set<string>();
  const problems: PlanProblem[] = [];
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) problems.push({ path: [field, i, 'id'], message: `duplicate id ${item.id}` });
    seen.add(item.id);
  }
  return problems;
}

/** workflow.md §10.3: every invariant of the setup plan table, as problems by field (empty = valid). */
export function setupPlanProblems(plan: ExecutionSetupPlan, facts: PlanFacts): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const { readiness } = plan;
  const hasActions = plan.steps.length > 0 || plan.workspaceInputs.length > 0;
  // Readiness rules.
  if (readiness.status === 'ready' && !readiness.actionsRequired && hasActions)
    problems.push({
      path: ['readiness'],
      message: 'ready with actions_required false means steps and workspace_inputs must both be empty',
    });
  if (readiness.actionsRequired && !hasActions)
    problems.push({
      path: ['readiness', 'actionsRequired'],
      message: 'actions_required is true but there are no steps and no workspace_inputs',
    });
  // Decided (§10.3 is silent): a plan that is not ready must say that actions are required, or nothing would fix it.
  if (readiness.status !== 'ready' && !readiness.actionsRequired)
    problems.push({
      path: ['readiness', 'actionsRequired'],
      message: `readiness is ${readiness.status}, so actions_required must be true`,
    });
  const commands = planCommands(plan);
  if (readiness.status === 'ready') {
    for (const { path, spec } of commands) {
      const launcher = launcherOf(spec);
      if (!facts.isLauncherAvailable(launcher, spec.cwd))
        problems.push({
          path: ['readiness', 'status'],
          message: `cannot be ready: "${launcher}" (needed by ${path.join('.')}: ${commandText(spec)}) is missing on this host`,
        });
    }
  }
  // Command evidence: never invented (§10.3).
  for (const { path, spec } of commands) {
    const problem = commandEvidenceProblem(spec, facts.repo);
    if (problem) problems.push({ path, message: problem });
  }
  // Temp roots stay inside LoopTroop's runtime folder.
  plan.tempRoots.forEach((root, i) => {
    if (!isWithin(root, TEMP_ROOT_BASE))
      problems.push({ path: ['tempRoots', i], message: `"${root}" is not inside ${TEMP_ROOT_BASE}/` });
  });
  // Workspace inputs.
  const inputPaths = new Set<string>();
  plan.workspaceInputs.forEach((input, i) => {
    const problem = workspaceInputPathProblem(input.path);
    if (problem) problems.push({ path: ['workspaceInputs', i, 'path'], message: problem });
    if (inputPaths.has(input.path))
      problems.push({ path: ['workspaceInputs', i, 'path'], message: `"${input.path}" is listed twice` });
    inputPaths.add(input.path);
  });
  // Probes must exercise the real project whenever there is something to exercise.
  const families = Object.values(plan.projectCommands).some((list) => list.length > 0);
  if ((families || facts.beadTestCommands.length > 0) && !plan.workspaceProbes.some((p) => exercisesProject(p.command)))
    problems.push({
      path: ['workspaceProbes'],
      message:
        'at least one workspace probe must load or exercise the real project (a version check alone does not count)',
    });
  // Hook validations only for detected hooks.
  const detected = new Set(plan.gitHooks.detected.map((h) => h.name));
  plan.gitHooks.validationCommands.forEach((check, i) => {
    if (!detected.has(check.hook))
      problems.push({
        path: ['gitHooks', 'validationCommands', i, 'hook'],
        message: `no "${check.hook}" hook was detected; validation commands are never invented for an unknown hook`,
      });
  });
  problems.push(
    ...duplicateIds(plan.steps, 'steps'),
    ...duplicateIds(plan.workspaceProbes, 'workspaceProbes'),
    ...duplicateIds(plan.gitHooks.validationCommands, 'gitHooks.validationCommands'),
  );
  return problems;
}

/**
 * §10.4: a large workspace input needs an explicit per-input override above a conservative default size. Checked at
 * approval against the backend's copy preview (the model cannot know sizes, so this is never a generation error).
 */
export function largeInputProblems(plan: Pick<ExecutionSetupPlan, 'workspaceInputs'>): PlanProblem[] {
  return plan.workspaceInputs.flatMap((input, i) => {
    const p = input.preview;
    const large = p !== null && (p.bytes > DEFAULT_INPUT_LIMIT_BYTES || p.fileCount > DEFAULT_INPUT_LIMIT_FILES);
    if (!large || input.allowLarge) return [];
    return [
      {
        path: ['workspaceInputs', i, 'allowLarge'],
        message: `"${input.path}" is large (${p.fileCount} files, ${p.bytes} bytes); set allow_large to copy it`,
      },
    ];
  });
}
