import type { ArtifactService } from '../artifacts/service.ts';
import type { CommandRunner } from '../commands/port.ts';
import { changedPathsSince } from '../delivery/index.ts';
import { MAX_COMMAND_TIMEOUT_SECONDS } from '../execution/command-spec.ts';
import type { Clock } from '../lib/clock.ts';
import { type PhaseContext, PhaseError } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import type { CommandEnvironment } from './command-environment.ts';
import type { DirtyState } from './file-effects-audit.ts';
import { type FinalTestCommands, finalTestSpec } from './final-test-result.ts';
import { type CommandRun, commandPassed, runFinalTestCommands } from './run-commands.ts';
import { readDirtyState } from './worktree-effects.ts';

/** What RUNNING_FINAL_TEST uses of the phase ports (workflow/phases.ts PhaseDeps). */
export interface FinalTestDeps {
  opencode: Pick<OpencodeService, 'runPrompt'>;
  artifacts: ArtifactService;
  logs: LogService;
  commands: CommandRunner;
  clock: Clock;
  /** The server's environment (PATH, to which the setup env's PATH additions are added). */
  env: Record<string, string | undefined>;
}

export interface AttemptRecord {
  attempt: number;
  passed: boolean;
  sessionId: string | null;
  answer: FinalTestCommands | null;
  commands: CommandRun[];
  /** Why the attempt did not pass (null when it passed). */
  error: string | null;
  /** The dirty state before the attempt started (the audit's "before"). */
  before: DirtyState;
}

/** The fields every owned prompt of this phase shares: the ticket, the attempt, the locked main implementer. */
export const sessionOf = (ctx: PhaseContext, attempt: number, title: string) => ({
  ticket: ctx.ticket,
  phase: ctx.status,
  phaseAttempt: ctx.phaseAttempt,
  iteration: attempt,
  title: `${ctx.ticket.externalId} · ${title}`,
  model: ctx.locked.mainImplementer,
  variant: ctx.locked.mainImplementerVariant,
  timeoutMs: ctx.settings.councilResponseTimeout * 1000,
  signal: ctx.signal,
});

/** §10.7: without a deadline setting, one command batch still ends (the longest single command allowed). */
const commandBudgetMs = (ctx: PhaseContext) => (ctx.settings.perIterationTimeout || MAX_COMMAND_TIMEOUT_SECONDS) * 1000;

/** The agent's answer: a fresh owned session with default tools, repaired through the structured pipeline. */
async function askAgent(
  deps: FinalTestDeps,
  ctx: PhaseContext,
  input: { text: string; attempt: number; environment: CommandEnvironment; resume: boolean },
) {
  const { text, attempt } = input;
  const result = await callStructured(
    deps.opencode,
    {
      // §10.7: the generation is bounded by the AI response timeout (sessionOf's timeoutMs).
      ...sessionOf(ctx, attempt, `final test (attempt ${attempt})`),
      text,
      // Continue (§4.4) resumes the preserved session of the first attempt this run makes, never a later one.
      resume: input.resume ? ctx.continuation : undefined,
    },
    finalTestSpec(input.environment.setupRoots),
    ctx.locked.structuredRetryCount,
  );
  // A provider failure is not the test's fault: block with the session kept so Continue can resume it (§4.4).
  if (!result.ok && result.failure?.kind === 'runtime')
    throw new PhaseError(`The final-test session failed: ${result.error}`, ['TESTS_FAILED'], undefined, {
      cause: result.failure,
    });
  return result;
}

/** Which declared test files really differ from the final-test start commit (added, changed, deleted or committed). */
async function changedTestFiles(answer: FinalTestCommands, worktree: string, startCommit: string) {
  const changed = new Set(await changedPathsSince(worktree, startCommit));
  return answer.testFiles.filter((path) => changed.has(path));
}

/** One final-test attempt (§10.7): the agent's commands, then the backend's own run of them. */
export async function runFinalTestAttempt(
  deps: FinalTestDeps,
  ctx: PhaseContext,
  input: {
    attempt: number;
    text: string;
    worktree: string;
    startCommit: string;
    environment: CommandEnvironment;
    resume: boolean;
  },
): Promise<AttemptRecord> {
  const before = await readDirtyState(input.worktree);
  const record: AttemptRecord = {
    attempt: input.attempt,
    passed: false,
    sessionId: null,
    answer: null,
    commands: [],
    error: null,
    before,
  };
  const result = await askAgent(deps, ctx, input);
  record.sessionId = result.ok ? result.outcome.sessionId : (result.attempts.at(-1)?.sessionId ?? null);
  if (!result.ok) {
    record.error = `No valid <FINAL_TEST_COMMANDS> answer: ${result.error}`;
    return record;
  }
  record.answer = result.value;
  record.commands = await runFinalTestCommands(
    deps.commands,
    result.value.commands,
    input.environment,
    input.worktree,
    {
      timeoutMs: commandBudgetMs(ctx),
      signal: ctx.signal,
    },
  );
  ctx.signal.throwIfAborted();
  const failed = record.commands.find((run) => !commandPassed(run));
  if (failed) {
    record.error = `The command \`${failed.display}\` ${failed.timedOut ? 'timed out' : `exited ${failed.exitCode}`}`;
    return record;
  }
  if ((await changedTestFiles(result.value, input.worktree, input.startCommit)).length === 0) {
    record.error = `No test file was added or modified (declared: ${result.value.testFiles.join(', ')})`;
    return record;
  }
  record.passed = true;
  return record;
}
