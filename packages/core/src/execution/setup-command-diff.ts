import { type CommandInput, commandText, fromLegacy, type ShellKind } from './command-spec.ts';
import type { ExecutionSetupPlan } from './setup-plan-schema.ts';

// workflow.md §10.5 step 9: the setup report shows the diff between the approved commands and the ones the agent
// says it actually ran (`bootstrap_commands`, "every command actually run, including additions").

export interface CommandDiff {
  approved: string[];
  run: string[];
  /** Run but never approved. */
  added: string[];
  /** Approved (in a required step) but not run. */
  skipped: string[];
}

export function diffSetupCommands(
  plan: Pick<ExecutionSetupPlan, 'steps'>,
  bootstrapCommands: readonly CommandInput[],
  shell: ShellKind,
): CommandDiff {
  const approved = plan.steps.flatMap((s) => s.commands.map(commandText));
  const required = plan.steps.filter((s) => s.required).flatMap((s) => s.commands.map(commandText));
  const run = bootstrapCommands.map((c) => commandText(fromLegacy(c, shell).spec));
  return {
    approved,
    run,
    added: run.filter((c) => !approved.includes(c)),
    skipped: required.filter((c) => !run.includes(c)),
  };
}
