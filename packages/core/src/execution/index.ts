import type { PhaseRegistry } from '../lifecycle/phase.ts';
import type { ExecutionDeps } from './deps.ts';
import { preflightPhase } from './preflight-handler.ts';
import { setupPhase } from './setup-phase.ts';
import { setupPlanPhase } from './setup-plan-phase.ts';

export { abortableSleep, type ExecutionDeps } from './deps.ts';
export { createSetupPlanService, type SetupPlanService } from './setup-plan-service.ts';
export { recordSetupRetryNote } from './setup-retry-note.ts';
export { clearExecutionSetupState } from './setup-state.ts';

/** The execution band's pre-implementation phases (workflow.md §10.2–§10.5). */
export function executionPhases(deps: ExecutionDeps): PhaseRegistry {
  return {
    PRE_FLIGHT_CHECK: preflightPhase(deps),
    GENERATING_EXECUTION_SETUP_PLAN: setupPlanPhase(deps),
    PREPARING_EXECUTION_ENV: setupPhase(deps),
  };
}
