import type { Clock } from '../lib/clock.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import type { OpencodeService } from '../opencode/service.ts';
import type { RecordArtifacts } from './record-store.ts';

/** What a council round needs from the outside: the model, the artifact store and the clock. */
export interface CouncilDeps {
  opencode: Pick<OpencodeService, 'runPrompt'>;
  artifacts: RecordArtifacts;
  clock: Clock;
}

/** The part of the phase context a round uses. */
export type CouncilContext = Pick<PhaseContext, 'ticket' | 'phaseAttempt' | 'signal'>;
