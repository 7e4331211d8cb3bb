import type { ArtifactService } from '../artifacts/service.ts';
import { isDeliveryError } from '../delivery/delivery-error.ts';
import { type Delivery, DeliveryReceipt } from '../delivery/port.ts';
import { conflict } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketTransitions, TransitionRequest } from '../lifecycle/transitions.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { MergeReport, WorkflowActionResult } from './schema.ts';

const REVIEW = 'WAITING_PR_REVIEW';

export interface PrReviewDeps {
  clock: Clock;
  /** Put the ticket in BLOCKED_ERROR with codes and diagnostics (the runner's block: occurrence, event, log). */
  block: (
    row: TicketRow,
    request: { message: string; codes: string[]; diagnostics?: Record<string, unknown> },
  ) => Promise<TicketRow>;
  artifacts: ArtifactService;
  transitions: TicketTransitions;
  delivery: Delivery;
  result: (row: TicketRow, message: string) => Promise<WorkflowActionResult>;
}

/**
 * workflow.md §10.11: the two ways out of WAITING_PR_REVIEW. The delivery port does the remote work; only when it
 * succeeds is the `merge_report` written and MERGE_COMPLETE / CLOSE_UNMERGED_COMPLETE applied (→ CLEANING_ENV).
 * A refusal of the action itself (wrong status, already running, nothing published) is a 409 and changes nothing.
 * A failure on the remote (a base that moved, a conflict, GitHub refusing) blocks the ticket with its code (issue 14:
 * never a silent success); Retry returns it to review, where the remote is read again before anything else.
 */
export function createPrReviewActions(deps: PrReviewDeps) {
  const { clock, artifacts, transitions, delivery } = deps;
  /** One delivery call per ticket at a time: a double click must not merge twice. */
  const delivering = new Set<number>();

  /**
   * Check and claim the ticket for one delivery call in one synchronous step, so a double click cannot pass; deliver,
   * record the outcome and move on; release the claim however it ended.
   */
  async function deliverAndMove(
    ref: string,
    action: string,
    outcome: MergeReport['outcome'],
    reason: string | null,
    deliver: (row: TicketRow) => Promise<unknown>,
  ): Promise<TicketRow> {
    let claimed: number | undefined;
    let seen: TicketRow | undefined;
    try {
      return await transitions.move(ref, {
        check: (row) => {
          if (row.status !== REVIEW) {
            throw conflict(
              `${action} is only possible while the pull request is in review (this ticket is ${row.status})`,
              { status: row.status, expected: REVIEW },
            );
          }
          if (delivering.has(row.id))
            throw conflict(`${action} is already running for this ticket`, { status: row.status });
          delivering.add(row.id);
          claimed = row.id;
        },
        write: async (row): Promise<TransitionRequest> => {
          seen = row;
          // Expected refusals and failures are AppErrors from the port: the ticket stays in review, nothing recorded.
          // Parse what it answered: it is the edge to GitHub or git, and the report stores it.
          const receipt = DeliveryReceipt.parse(await deliver(row));
          const report: MergeReport = { outcome, reason, decidedAt: clock.isoNow(), delivery: receipt };
          await artifacts.write(row, REVIEW, 'merge_report', JSON.stringify(report, null, 2));
          return outcome === 'merged'
            ? { event: 'MERGE_COMPLETE', reason: 'pull request merged' }
            : { event: 'CLOSE_UNMERGED_COMPLETE', reason: `finished without merge${reason ? `: ${reason}` : ''}` };
        },
      });
    } catch (error) {
      if (!isDeliveryError(error) || !seen) throw error;
      const details = error.details && typeof error.details === 'object' ? { ...error.details } : {};
      return deps.block(seen, {
        message: `${action} failed: ${error.message}`,
        codes: [error.code],
        diagnostics: details,
      });
    } finally {
      if (claimed !== undefined) delivering.delete(claimed);
    }
  }

  return {
    /** `POST /merge` and its alias `/verify`. */
    async merge(ref: string): Promise<WorkflowActionResult> {
      const moved = await deliverAndMove(ref, 'Merge', 'merged', null, async (row) => {
        // Issue 14: Merge is offered only when the provider can merge; asked anyway, a clear 409 says what to do.
        const availability = await delivery.mergeAvailability?.(row);
        if (availability && !availability.available) {
          const why = availability.reason ?? 'This delivery cannot merge the pull request.';
          const run = availability.manualCommand ? ` Run: ${availability.manualCommand}` : '';
          throw conflict(`${why}${run}`, {
            status: row.status,
            manualCommand: availability.manualCommand,
          });
        }
        return delivery.merge(row);
      });
      return deps.result(moved, moved.status === 'BLOCKED_ERROR' ? 'Merge failed' : 'Pull request merged');
    },

    /** `POST /close-unmerged {reason?}`: the PR and the remote branch are left exactly as they are. */
    async closeUnmerged(ref: string, reason?: string): Promise<WorkflowActionResult> {
      const why = reason?.trim() ? reason.trim() : null;
      const moved = await deliverAndMove(ref, 'Finish without merge', 'closed_unmerged', why, (row) =>
        delivery.closeUnmerged(row, why),
      );
      return deps.result(moved, 'Finished without merging');
    },
  };
}
