import type { ArtifactService } from '../artifacts/service.ts';
import { readPlan } from '../beads/plan-store.ts';
import type { Db } from '../db/client.ts';
import { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { effortTierOf, estimateEta, sizeBucketOf, type ThroughputSample } from './eta.ts';
import type { BeadProgress } from './schema.ts';
import { selectThroughput } from './store.ts';

export interface ProgressDeps {
  db: Db;
  tickets: TicketService;
  artifacts: ArtifactService;
  /** The ticket's Max Bead Retries as the coding phase reads it (project override, else profile). */
  maxIterations: (ticket: TicketRow) => Promise<number>;
}

const tierOf = (locked: unknown) => {
  const parsed = LockedSettings.safeParse(locked);
  return effortTierOf(parsed.success ? parsed.data.mainImplementerVariant : null);
};

const msBetween = (from: string, to: string) => {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
};

/** Bead progress and the ETA range of workflow.md §10.6 "Progress UI", read from the live plan and the metrics. */
export function createProgressService(deps: ProgressDeps) {
  const { db, tickets, artifacts } = deps;

  async function progress(ref: string): Promise<BeadProgress> {
    const ticket = await tickets.resolve(ref);
    const beads = ticket.worktreePath ? ((await readPlan(artifacts, ticket))?.beads ?? []) : [];
    const completed = beads.filter((b) => b.status === 'done').length;
    const index = beads.findIndex((b) => b.status === 'in_progress' || b.status === 'error');
    const bead = beads[index];
    const current = bead
      ? {
          id: bead.id,
          title: bead.title,
          status: bead.status,
          position: index + 1,
          iteration: Math.max(bead.iteration, 1),
          maxIterations: await deps.maxIterations(ticket),
          startedAt: bead.startedAt,
          updatedAt: bead.updatedAt,
        }
      : null;
    const rows = await selectThroughput(db);
    const samples: ThroughputSample[] = rows.map((r) => ({
      ticketId: r.ticketId,
      durationMs: r.activeDurationMs,
      bucket: sizeBucketOf(r.totalBeads ?? 1),
      tier: tierOf(r.lockedSettings),
    }));
    const remainingBeads = beads.length - completed;
    const finished = ticket.status === 'COMPLETED' || ticket.status === 'CANCELED';
    const anchor = current?.updatedAt || null;
    return {
      ticketId: ticket.externalId,
      status: ticket.status,
      completed,
      total: beads.length,
      current,
      anchor,
      paused: ticket.status === 'BLOCKED_ERROR',
      eta:
        remainingBeads > 0 && !finished
          ? estimateEta({
              ticketId: ticket.id,
              bucket: sizeBucketOf(beads.length),
              tier: tierOf(ticket.lockedSettings),
              remainingBeads,
              currentElapsedMs: current && anchor ? msBetween(current.startedAt, anchor) : 0,
              samples,
            })
          : null,
      implementationMs: samples.filter((s) => s.ticketId === ticket.id).reduce((n, s) => n + s.durationMs, 0),
    };
  }

  return { progress };
}

export type ProgressService = ReturnType<typeof createProgressService>;
