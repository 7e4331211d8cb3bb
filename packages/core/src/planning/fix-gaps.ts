import { beadsCoverageInput, expandBlueprint } from '../beads/phases.ts';
import { conflict } from '../errors.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import { prdCoverageInput } from '../prd/phases.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { CoveragePassRecord, fixGapsOnce } from './coverage-loop.ts';
import type { PlanningDeps } from './steps.ts';

export interface FixGapsDeps extends PlanningDeps {
  tickets: TicketService;
  /** The context a handler of `status` would get now (null when the ticket lost its settings): the engine builds it. */
  phaseContext: (ticket: TicketRow, status: TicketStatus, signal: AbortSignal) => Promise<PhaseContext | null>;
}

const DOMAINS = {
  prd: { gate: 'WAITING_PRD_APPROVAL', coverage: 'VERIFYING_PRD_COVERAGE', coverageType: 'prd_coverage' },
  beads: { gate: 'WAITING_BEADS_APPROVAL', coverage: 'VERIFYING_BEADS_COVERAGE', coverageType: 'beads_coverage' },
} as const satisfies Record<string, { gate: TicketStatus; coverage: TicketStatus; coverageType: string }>;
export type FixDomain = keyof typeof DOMAINS;

/**
 * "Fix gaps with AI" at the PRD and beads gates (workflow.md §8.5, §9.6): the server reloads the latest gaps (the
 * browser's copy is ignored), runs one targeted revision and one fresh audit in the background, and — for beads,
 * when the blueprint changed — runs the expansion again so the approval artifact and its hash are refreshed. One fix
 * per ticket at a time; approving or saving during a fix is refused (409) by the callers of `isRunning`.
 * Open point §17.12 decided: the domain's council winner runs it, as it runs the coverage loop.
 */
export function createFixGaps(deps: FixGapsDeps) {
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>();

  async function latestGaps(ticket: TicketRow, domain: FixDomain): Promise<string[]> {
    const { coverage, coverageType } = DOMAINS[domain];
    const attempt = await deps.artifacts.activeAttempt(ticket, coverage);
    const passes = await deps.artifacts.list(ticket, {
      phase: coverage,
      phaseAttempt: attempt,
      artifactType: coverageType,
    });
    const last = CoveragePassRecord.safeParse(JSON.parse(passes.at(-1)?.content ?? 'null'));
    return last.success && last.data.status === 'gaps' ? last.data.gaps : [];
  }

  async function run(ticket: TicketRow, domain: FixDomain, gaps: string[], controller: AbortController) {
    const { coverage } = DOMAINS[domain];
    const ctx = await deps.phaseContext(ticket, coverage, controller.signal);
    if (!ctx) throw new Error('the ticket settings are missing');
    const { remaining } =
      domain === 'prd'
        ? await fixGapsOnce(deps, ctx, await prdCoverageInput(deps, ctx), gaps)
        : await fixGapsOnce(deps, ctx, await beadsCoverageInput(deps, ctx), gaps);
    if (domain === 'beads') {
      const expandCtx = await deps.phaseContext(ticket, 'EXPANDING_BEADS', controller.signal);
      if (!expandCtx) throw new Error('the ticket settings are missing');
      await expandBlueprint(deps, expandCtx);
    }
    return remaining;
  }

  async function start(ref: string, domain: FixDomain): Promise<{ started: boolean; message: string; gaps: string[] }> {
    const ticket = await deps.tickets.resolve(ref);
    const { gate } = DOMAINS[domain];
    if (ticket.status !== gate) {
      throw conflict(
        `Gaps can only be fixed while the ${domain} waits for approval (the ticket is in ${ticket.status})`,
        {
          status: ticket.status,
          expected: gate,
        },
      );
    }
    if (running.has(ticket.id)) throw conflict('A gap fix is already running for this ticket');
    const gaps = await latestGaps(ticket, domain);
    if (!gaps.length) return { started: false, message: 'There are no coverage gaps to fix', gaps };
    const controller = new AbortController();
    const done = (async () => {
      try {
        const remaining = await run(ticket, domain, gaps, controller);
        await deps.events.publish('needs_input', {
          ticketId: ticket.externalId,
          type: `${domain}_approval`,
          message: remaining.length
            ? `Gap fix done; ${remaining.length} gap${remaining.length === 1 ? '' : 's'} remain`
            : 'Gap fix done; coverage is clean',
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = `Fixing the ${domain} gaps failed: ${error instanceof Error ? error.message : String(error)}`;
        await deps.events.publish('error', {
          ticketId: ticket.externalId,
          phase: gate,
          message,
          codes: ['FIX_GAPS_FAILED'],
        });
        await deps.logs.write(ticket, { phase: gate, type: 'error', kind: 'error', source: 'error', message });
      }
    })()
      // Reporting itself failed (storage closed at shutdown): nothing is left to tell.
      .catch(() => undefined)
      .finally(() => running.delete(ticket.id));
    running.set(ticket.id, { controller, done });
    return { started: true, message: `Fixing ${gaps.length} gap${gaps.length === 1 ? '' : 's'}`, gaps };
  }

  return {
    start,
    isRunning: (ticketId: number) => running.has(ticketId),
    /** Stop a running fix (cancel): its sessions are abandoned with the ticket's others. */
    abort(ticketId: number) {
      running.get(ticketId)?.controller.abort();
    },
    /** Shutdown: stop every fix and wait until none touches storage any more. */
    async stopAll() {
      const jobs = [...running.values()];
      for (const job of jobs) job.controller.abort();
      await Promise.all(jobs.map((job) => job.done));
    },
  };
}

export type FixGaps = ReturnType<typeof createFixGaps>;
