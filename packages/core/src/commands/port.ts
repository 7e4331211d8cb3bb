// The command runner for the project's own commands (setup, tests, lint: workflow.md §10.2, §10.4, §10.6) as a
// port. `child-process.ts` is the real one; a fast test of a phase may swap in a scripted runner.

/** A program with its arguments (no shell), or a script for a named shell (`sh`, `bash`…, run as `shell -c script`). */
export type CommandSpec = { program: string; args?: string[] } | { shell: string; script: string };

export interface CommandRequest {
  command: CommandSpec;
  /** The repository or worktree the command runs for. */
  root: string;
  /** Working folder relative to `root` (default: the root itself); it may not leave the root. */
  cwd?: string;
  /** Added to the runner's base environment for this command only. */
  env?: Record<string, string>;
  /** Kill the command's whole process group after this long; 0 or omitted: no deadline. */
  timeoutMs?: number;
  /** Aborting kills the command's whole process group (cancel, shutdown). */
  signal?: AbortSignal;
}

export interface CommandResult {
  /** The exit code, or null when the command ended by a signal. */
  exitCode: number | null;
  signal: string | null;
  /** The last part of each stream (kept for logs and the model's next prompt), never the whole of a long output. */
  stdoutTail: string;
  stderrTail: string;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
}

export interface CommandRunner {
  /** Run to the end; never throws for a failing command (that is a result), only when it cannot start at all. */
  run(request: CommandRequest): Promise<CommandResult>;
}
