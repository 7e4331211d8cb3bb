import type { ArtifactService } from '../artifacts/service.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { CommandRunner } from './probe-runner.ts';

/** What the execution phases (§10.2–§10.5) receive: the shared phase ports plus a command runner and the band check. */
export interface ExecutionDeps {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
  commands: CommandRunner;
  /** The environment handed to child processes (probes, `gh`); read once in config, never from process.env here. */
  env: Record<string, string | undefined>;
  /** §4.6: another ticket of the project holding the execution band, if any. */
  bandHolder: (ticket: TicketRow) => Promise<{ holder: string; message: string } | null>;
  /** Wait (abortable); injected so tests of the capability probe's backoff need not sleep. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
