import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { type Delivery, DeliveryReceipt } from '../delivery/port.ts';
import { conflict } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { applyTransition } from './persistence.ts';
import type { Runner } from './runner.ts';
import type { MergeReport, WorkflowActionResult } from './schema.ts';

const REVIEW = 'WAITING_PR_REVIEW';

export interface PrReviewDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  tickets: TicketService;
  artifacts: ArtifactService;
  runner: Runner;
  delivery: Delivery;
  result: (row: TicketRow, message: string) => Promise<WorkflowActionResult>;
}

/**
 * workflow.md §10.11: the two ways out of WAITING_PR_REVIEW. The delivery port does the remote work; only when it
 * succeeds is the `merge_report` written and MERGE_COMPLETE / CLOSE_UNMERGED_COMPLETE applied (→ CLEANING_ENV).
 * A delivery failure leaves the ticket in review with nothing recorded, so the action can simply be pressed again.
 */
export function createPrReviewActions(deps: PrReviewDeps) {
  const { db, clock, events, tickets, artifacts, runner, delivery } = deps;
  /** One delivery call per ticket at a time: a double click must not merge twice. */
  const delivering = new Set<number>();

  /** Claim the ticket for one delivery call; check and claim are one synchronous step, so a double click cannot pass. */
  async function claim(ref: string, action: string): Promise<TicketRow> {
    const row = await tickets.resolve(ref);
    if (row.status !== REVIEW) {
      throw conflict(`${action} is only possible while the pull request is in review (this ticket is ${row.status})`, {
        status: row.status,
        expected: REVIEW,
      });
    }
    if (delivering.has(row.id)) throw conflict(`${action} is already running for this ticket`, { status: row.status });
    delivering.add(row.id);
    return row;
  }

  async function finish(
    row: TicketRow,
    outcome: MergeReport['outcome'],
    reason: string | null,
    deliver: () => Promise<unknown>,
  ): Promise<WorkflowActionResult> {
    try {
      // Expected refusals and failures are AppErrors from the port: the ticket stays in review, nothing recorded.
      // Parse what it answered: it is the edge to GitHub or git, and the report stores it.
      const receipt = DeliveryReceipt.parse(await deliver());
      const report: MergeReport = { outcome, reason, decidedAt: clock.isoNow(), delivery: receipt };
      await artifacts.write(row, REVIEW, 'merge_report', JSON.stringify(report, null, 2));
      const current = await tickets.resolve(row.externalId);
      const moved = await applyTransition(db, events, clock, current, {
        event: outcome === 'merged' ? 'MERGE_COMPLETE' : 'CLOSE_UNMERGED_COMPLETE',
        reason: outcome === 'merged' ? 'pull request merged' : `finished without merge${reason ? `: ${reason}` : ''}`,
      });
      runner.kick(moved.id);
      return deps.result(moved, outcome === 'merged' ? 'Pull request merged' : 'Finished without merging');
    } finally {
      delivering.delete(row.id);
    }
  }

  return {
    /** `POST /merge` and its alias `/verify`. */
    async merge(ref: string): Promise<WorkflowActionResult> {
      const row = await claim(ref, 'Merge');
      return finish(row, 'merged', null, () => delivery.merge(row));
    },

    /** `POST /close-unmerged {reason?}`: the PR and the remote branch are left exactly as they are. */
    async closeUnmerged(ref: string, reason?: string): Promise<WorkflowActionResult> {
      const row = await claim(ref, 'Finish without merge');
      const why = reason?.trim() ? reason.trim() : null;
      return finish(row, 'closed_unmerged', why, () => delivery.closeUnmerged(row, why));
    },
  };
}
