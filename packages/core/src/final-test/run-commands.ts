import type { CommandRunner } from '../commands/port.ts';
import { type CommandInput, commandText, fromLegacy } from '../execution/command-spec.ts';
import { runProbe } from '../execution/probe-runner.ts';
import { probePassed } from '../execution/setup-verification.ts';
import { applyWrapper, type CommandEnvironment } from './command-environment.ts';

// workflow.md §10.7: the backend runs the agent's commands itself, in order, through the commands port (the same
// path as PREPARING_EXECUTION_ENV's probes). Pass or fail comes from exit codes only.

/** One row of `final_test_report.commands` (CONTRACTS.md 7). */
export interface CommandRun {
  display: string;
  cwd: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  outputTail: string;
}

export const commandPassed = (run: CommandRun) => probePassed({ ...run, id: '', kind: 'workspace', command: '' });

/** Run every command within one deadline; stop at the first failure (the rest would only repeat the verdict). */
export async function runFinalTestCommands(
  runner: CommandRunner,
  commands: readonly CommandInput[],
  environment: CommandEnvironment,
  worktree: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<CommandRun[]> {
  const deadline = Date.now() + options.timeoutMs;
  const runs: CommandRun[] = [];
  for (const [i, command] of commands.entries()) {
    const { spec } = fromLegacy(command, environment.shell);
    const outcome = await runProbe(
      runner,
      { id: `final-test-${i + 1}`, kind: 'workspace', command: applyWrapper(spec, environment.wrapper, worktree) },
      { root: worktree, env: environment.env, timeoutMs: Math.max(1, deadline - Date.now()), signal: options.signal },
    );
    const run: CommandRun = {
      display: commandText(spec),
      cwd: spec.cwd,
      exitCode: outcome.exitCode,
      timedOut: outcome.timedOut,
      durationMs: outcome.durationMs,
      outputTail: outcome.outputTail,
    };
    runs.push(run);
    if (!commandPassed(run)) break;
  }
  return runs;
}
