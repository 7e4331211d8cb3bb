import { z } from 'zod';
import type { WorkflowEventType } from '../lifecycle/machine.ts';
import { integrateCandidate } from './integration.ts';
import {
  DELIVERY_ARTIFACTS,
  type DeliveryPhaseContext,
  type DeliveryPhaseDeps,
  parseJsonObject,
  requireWorktree,
} from './phase-context.ts';
import { hookPolicyOf } from './ticket-delivery.ts';

// workflow.md §10.9 INTEGRATING_CHANGES as a phase: read the final test's file audit, squash, write the report.

/** The final-test audit's verdict (§10.7): which changed paths belong in the delivered change. */
const FinalTestAudit = z.object({ candidatePaths: z.array(z.string()) });

/**
 * §10.13 hook policy as far as integration is concerned: native hooks run inside the commit only under
 * `use_native_hooks`; the explicit validations of Check/Require come from the approved setup plan (recorded here as
 * not run while no plan names any), Observe records the skip.
 */
function hookPolicyRecord(policy: string | null) {
  const mode = policy ?? 'validate_advisory';
  const validations =
    mode === 'observe_only'
      ? 'skipped (observe_only)'
      : mode === 'use_native_hooks'
        ? 'native hooks ran in git'
        : 'none approved';
  return { mode, validations };
}

export function createIntegrationPhase(deps: DeliveryPhaseDeps) {
  return async (ctx: DeliveryPhaseContext): Promise<{ event: WorkflowEventType }> => {
    const { ticket } = ctx;
    const worktree = requireWorktree(ticket);
    const audit = await deps.artifacts.latest(ticket, 'final_test_file_effects_audit');
    const parsed = FinalTestAudit.safeParse(parseJsonObject(audit?.content));
    // §10.9 step 2: candidate paths come from the final-test audit only; without one, every changed path is a
    // candidate (no file is ever silently dropped, as in §10.10's unparseable audit).
    const candidatePaths = parsed.success ? parsed.data.candidatePaths : null;
    ctx.signal.throwIfAborted();
    const report = await integrateCandidate({
      worktree,
      baseBranch: ticket.baseBranch ?? 'main',
      candidatePaths,
      message: `${ticket.externalId}: ${ticket.title}`,
      externalId: ticket.externalId,
      runNativeHooks: hookPolicyOf(ticket) === 'use_native_hooks',
      signal: ctx.signal,
    });
    const content = {
      ...report,
      candidateSource: parsed.success ? 'final_test_file_effects_audit' : 'all_changed_paths',
      hookPolicy: hookPolicyRecord(hookPolicyOf(ticket)),
    };
    await deps.artifacts.write(
      ticket,
      'INTEGRATING_CHANGES',
      DELIVERY_ARTIFACTS.integration,
      JSON.stringify(content, null, 2),
    );
    return { event: 'INTEGRATION_DONE' };
  };
}
