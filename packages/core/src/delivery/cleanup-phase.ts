import type { WorkflowEventType } from '../lifecycle/machine.ts';
import { type CleanupReport, cleanTicketRuntime } from './cleanup.ts';
import { DELIVERY_ARTIFACTS, type DeliveryPhaseContext, type DeliveryPhaseDeps } from './phase-context.ts';

/** workflow.md §10.12 CLEANING_ENV: clean, report, and **always** CLEANUP_DONE (problems are warnings). */
export function createCleanupPhase(deps: Pick<DeliveryPhaseDeps, 'artifacts'>) {
  return async (ctx: DeliveryPhaseContext): Promise<{ event: WorkflowEventType }> => {
    const { ticket } = ctx;
    const report: CleanupReport = ticket.worktreePath
      ? await cleanTicketRuntime(ticket.worktreePath).catch((error: unknown) => ({
          status: 'warning' as const,
          removedDirs: [],
          removedFiles: [],
          preservedPaths: [],
          errors: [error instanceof Error ? error.message : String(error)],
        }))
      : {
          status: 'warning',
          removedDirs: [],
          removedFiles: [],
          preservedPaths: [],
          errors: ['the ticket has no worktree'],
        };
    await deps.artifacts.write(ticket, 'CLEANING_ENV', DELIVERY_ARTIFACTS.cleanup, JSON.stringify(report, null, 2));
    return { event: 'CLEANUP_DONE' };
  };
}
