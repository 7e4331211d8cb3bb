import { PhaseError } from '../lifecycle/phase.ts';
import { isDeliveryError } from './delivery-error.ts';

/**
 * workflow.md §4.4: a delivery phase that fails blocks with the failure's own code (REMOTE_MOVED, MERGE_CONFLICT,
 * INTEGRATION_NO_CHANGES…), so the error panel explains it from a stable code; any other error keeps the status's
 * default code (INTEGRATION_FAILED, PULL_REQUEST_FAILED). Side effects are never retried here; the user retries.
 */
export function withDeliveryCodes<C, R>(handler: (ctx: C) => Promise<R>): (ctx: C) => Promise<R> {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (error) {
      if (!isDeliveryError(error)) throw error;
      const details = error.details && typeof error.details === 'object' ? { ...error.details } : {};
      throw new PhaseError(error.message, [error.code], details, { cause: error });
    }
  };
}
