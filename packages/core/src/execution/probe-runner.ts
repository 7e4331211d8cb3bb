import type { CommandRunner, CommandSpec as PortCommand } from '../commands/port.ts';
import { type CommandSpec, commandText } from './command-spec.ts';
import type { ProbeOutcome } from './setup-verification.ts';

// Setup and probe commands run through the engine's command port (commands/port.ts): the worktree as root, the
// spec's cwd and env, one deadline, and the whole process group killed on timeout or abort.

const SHELL_PROGRAM = { posix: 'sh', cmd: 'cmd.exe', powershell: 'pwsh' } as const;

/** Our command spec as the port's: a program with arguments, or `<shell> -c <script>`. */
export function toPortCommand(spec: CommandSpec): PortCommand {
  return spec.kind === 'exec'
    ? { program: spec.program, args: spec.args }
    : { shell: SHELL_PROGRAM[spec.shell], script: spec.script };
}

export interface ProbeRunOptions {
  root: string;
  /** Added to the runner's base environment (the audited variables of `env.sh`). */
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Run one probe and describe it the way the report and the verification read it. A launcher that cannot start is exit 127. */
export async function runProbe(
  runner: CommandRunner,
  probe: { id: string; kind: ProbeOutcome['kind']; command: CommandSpec },
  options: ProbeRunOptions,
): Promise<ProbeOutcome> {
  const base = { id: probe.id, kind: probe.kind, command: commandText(probe.command) };
  const limit = probe.command.timeoutSeconds
    ? Math.min(probe.command.timeoutSeconds * 1000, options.timeoutMs)
    : options.timeoutMs;
  try {
    const run = await runner.run({
      command: toPortCommand(probe.command),
      root: options.root,
      cwd: probe.command.cwd,
      env: { ...options.env, ...probe.command.env },
      timeoutMs: Math.max(1, limit),
      signal: options.signal,
    });
    return {
      ...base,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      outputTail: `${run.stdoutTail}${run.stderrTail}`.slice(-1000),
      durationMs: run.durationMs,
    };
  } catch (error) {
    return {
      ...base,
      exitCode: 127,
      timedOut: false,
      outputTail: error instanceof Error ? error.message : String(error),
      durationMs: 0,
    };
  }
}
