import type { ArtifactService } from '../artifacts/service.ts';
import type { CommandRunner } from '../commands/port.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { DeliveryReadiness } from './preflight-checks.ts';

/** What the execution phases (§10.2–§10.5) use of the phase ports (workflow/phases.ts PhaseDeps). */
export interface ExecutionDeps {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
  commands: CommandRunner;
  /** The server's environment (PATH for host context, GitHub tokens); read once in config, never from process.env. */
  env: Record<string, string | undefined>;
  /** The project's tickets as stored now (the execution band, §4.6). */
  projectTickets: (projectId: number) => Promise<TicketRow[]>;
  /** The delivery provider's own readiness for a repository's origin (delivery/readiness.ts: the same provider choice
   * and token delivery will use). */
  deliveryReadiness: (repoRoot: string) => Promise<DeliveryReadiness>;
  /** Wait (abortable); injectable so a test of the capability probe's backoff need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
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
