import type { ArtifactService } from '../artifacts/service.ts';
import type { CommandRunner } from '../commands/port.ts';
import type { EventBus } from '../events/bus.ts';
import type { GitPort } from '../git/port.ts';
import type { Clock } from '../lib/clock.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import type { CodingStore } from './store.ts';

/** What CODING (workflow.md §10.6) uses of the phase ports (workflow/phases.ts PhaseDeps). */
export interface CodingDeps {
  git: GitPort;
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
  commands: CommandRunner;
  codingStore: CodingStore;
  /** Wait (abortable) between session creation retries; injectable so tests need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}
