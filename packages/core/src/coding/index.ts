import type { PhaseRegistry } from '../lifecycle/phase.ts';
import { codingPhase } from './coding-phase.ts';
import type { CodingDeps } from './deps.ts';

export { type BeadCounters, beadCounters, readBeads, updateBeads } from './bead-records.ts';
export { BeadExecution, beadExecutionType } from './checkpoint.ts';
export { iterationBudget } from './coding-phase.ts';
export type { CodingDeps } from './deps.ts';
export { beadDiffType } from './done.ts';
export { resetBeadForRetry } from './retry.ts';
export { type CodingStore, createCodingStore } from './store.ts';

/** workflow.md §10.6: the coding loop. */
export function codingPhases(deps: CodingDeps): PhaseRegistry {
  return { CODING: codingPhase(deps) };
}
