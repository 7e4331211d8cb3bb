import type { ArtifactService } from '../artifacts/service.ts';
import { runnableBeads } from '../beads/graph.ts';
import { readPlan, writePlan } from '../beads/plan-store.ts';
import type { Bead } from '../beads/schema.ts';
import type { TicketRow } from '../tickets/store.ts';

// CONTRACTS.md 1: bead execution state lives in the bead plan itself. Every change is a new version of the plan
// artifact (mirrored to .ticket/beads/<flow>/.beads/issues.jsonl), written only through `updateBeads`, so
// GET /api/tickets/:id/beads shows live state. The approval gate's hash check is long past (§9.6), so new versions
// never touch it.

export const CODING = 'CODING';

/** The current plan's beads in priority order (empty when there is no plan). */
export async function readBeads(artifacts: ArtifactService, ticket: TicketRow): Promise<Bead[]> {
  return (await readPlan(artifacts, ticket))?.beads ?? [];
}

/**
 * Apply `change` to the bead `beadId` (the rest stays as it is) and write the plan as a new version.
 * Returns the whole updated plan.
 */
export async function updateBeads(
  artifacts: ArtifactService,
  ticket: TicketRow,
  beadId: string,
  change: (bead: Bead) => Bead,
): Promise<Bead[]> {
  const beads = await readBeads(artifacts, ticket);
  if (!beads.some((b) => b.id === beadId)) throw new Error(`bead ${beadId} is not in the plan`);
  const next = beads.map((b) => (b.id === beadId ? change(b) : b));
  await writePlan(artifacts, ticket, CODING, next);
  return next;
}

/** CONTRACTS.md 2: the ticket's counters for a plan. */
export interface BeadCounters {
  totalBeads: number;
  currentBead: number;
  percentComplete: number;
}

export function beadCounters(beads: readonly Bead[]): BeadCounters {
  const done = beads.filter((b) => b.status === 'done').length;
  const active = beads.findIndex((b) => b.status === 'in_progress');
  return {
    totalBeads: beads.length,
    currentBead: active >= 0 ? active + 1 : done,
    percentComplete: beads.length ? (100 * done) / beads.length : 0,
  };
}

/** §9.5: the bead to work on: an interrupted `in_progress` one first (recovery), else the first runnable. */
export function selectBead(beads: readonly Bead[]): Bead | undefined {
  return beads.find((b) => b.status === 'in_progress') ?? runnableBeads(beads)[0];
}

/** §9.5 `allComplete`: the list is non-empty and every bead is done. */
export const allComplete = (beads: readonly Bead[]): boolean =>
  beads.length > 0 && beads.every((b) => b.status === 'done');
