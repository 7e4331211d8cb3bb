import type { ArtifactService } from '../artifacts/service.ts';
import {
  beadsCoveragePhase,
  beadsDraftPhase,
  beadsExpandPhase,
  beadsRefinePhase,
  beadsVotePhase,
} from '../beads/phases.ts';
import { codingPhases } from '../coding/index.ts';
import type { CodingStore } from '../coding/store.ts';
import type { CommandRunner } from '../commands/port.ts';
import {
  createCleanupPhase,
  createIntegrationPhase,
  createPullRequestAi,
  createPullRequestPhase,
  lockedModel,
  withDeliveryCodes,
} from '../delivery/index.ts';
import type { Delivery } from '../delivery/port.ts';
import { relevantFilesPhase } from '../discovery/relevant-files.ts';
import type { EventBus } from '../events/bus.ts';
import { executionPhases } from '../execution/index.ts';
import type { DeliveryReadiness } from '../execution/preflight-checks.ts';
import type { WorkspaceFiles } from '../files/port.ts';
import { finalTestPhase } from '../final-test/index.ts';
import type { GitPort } from '../git/port.ts';
import { interviewCompilePhase, interviewDraftPhase, interviewVotePhase } from '../interview/council-phases.ts';
import { interviewCoveragePhase } from '../interview/coverage-phase.ts';
import { interviewQaPhase } from '../interview/qa-phase.ts';
import type { Clock } from '../lib/clock.ts';
import type { PhaseRegistry } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { prdCoveragePhase, prdDraftPhase, prdRefinePhase, prdVotePhase } from '../prd/phases.ts';
import type { TicketRow } from '../tickets/store.ts';

/** Everything a phase handler may touch: side effects only through these ports (STYLE.md §2). */
export interface PhaseDeps {
  git: GitPort;
  files: WorkspaceFiles;
  delivery: Delivery;
  commands: CommandRunner;
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
  /** Read-only: the project's tickets as stored now (the execution band check, workflow.md §4.6). */
  projectTickets: (projectId: number) => Promise<TicketRow[]>;
  /** Read-only: which delivery provider a repository's origin gets and whether it is ready (pre-flight, §10.2). */
  deliveryReadiness: (repoRoot: string) => Promise<DeliveryReadiness>;
  /** The server's environment (host context and delivery tokens for pre-flight and setup, §10.2–§10.3). */
  env: Record<string, string | undefined>;
  /** The coding loop's own rows: the ticket's bead counters and throughput metrics (§10.6). */
  codingStore: CodingStore;
}

/** Status → handler. Statuses without an entry either wait for a person or are not built yet (runner blocks). */
export function createPhaseRegistry(deps: PhaseDeps): PhaseRegistry {
  return {
    SCANNING_RELEVANT_FILES: relevantFilesPhase(deps),
    COUNCIL_DELIBERATING: interviewDraftPhase(deps),
    COUNCIL_VOTING_INTERVIEW: interviewVotePhase(deps),
    COMPILING_INTERVIEW: interviewCompilePhase(deps),
    WAITING_INTERVIEW_ANSWERS: interviewQaPhase(deps),
    VERIFYING_INTERVIEW_COVERAGE: interviewCoveragePhase(deps),
    DRAFTING_PRD: prdDraftPhase(deps),
    COUNCIL_VOTING_PRD: prdVotePhase(deps),
    REFINING_PRD: prdRefinePhase(deps),
    VERIFYING_PRD_COVERAGE: prdCoveragePhase(deps),
    DRAFTING_BEADS: beadsDraftPhase(deps),
    COUNCIL_VOTING_BEADS: beadsVotePhase(deps),
    REFINING_BEADS: beadsRefinePhase(deps),
    VERIFYING_BEADS_COVERAGE: beadsCoveragePhase(deps),
    EXPANDING_BEADS: beadsExpandPhase(deps),
    ...executionPhases(deps),
    ...codingPhases(deps),
    RUNNING_FINAL_TEST: finalTestPhase(deps),
    INTEGRATING_CHANGES: withDeliveryCodes(createIntegrationPhase(deps)),
    CREATING_PULL_REQUEST: withDeliveryCodes(
      createPullRequestPhase({ ...deps, ai: createPullRequestAi(lockedModel(deps.opencode)) }),
    ),
    CLEANING_ENV: createCleanupPhase(deps),
  };
}
