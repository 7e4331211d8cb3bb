import { z } from 'zod';
import { artifactTypeOf } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import type { Bead } from '../beads/schema.ts';
import type { TicketRow } from '../tickets/store.ts';
import { BeadStatusMarker } from './bead-status.ts';

// workflow.md §10.6 step 7 and CONTRACTS.md 4: the `bead_execution:{beadId}` checkpoint, one version per iteration,
// written on failure too. Restart recovery finalizes from it only on an exact match (§10.6 "Restart recovery" b).

export const IterationOutcome = z.enum(['done', 'marker_missing', 'not_passing', 'iteration_timeout', 'error']);
export type IterationOutcome = z.infer<typeof IterationOutcome>;

export const BeadExecution = z.object({
  beadId: z.string(),
  iteration: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  beadStartCommit: z.string().nullable(),
  sessionId: z.string().nullable(),
  outcome: IterationOutcome,
  marker: BeadStatusMarker.nullable(),
  turns: z.array(z.object({ prompt: z.string(), output: z.string() })),
  errors: z.array(z.string()),
  commit: z.string().nullable(),
});
export type BeadExecution = z.infer<typeof BeadExecution>;

export const beadExecutionType = (beadId: string) => artifactTypeOf('bead_execution', beadId);

/** `replace` updates this iteration's version in place (the commit once finalization made it). */
export function writeCheckpoint(
  artifacts: ArtifactService,
  ticket: TicketRow,
  checkpoint: BeadExecution,
  options: { replace?: boolean } = {},
) {
  return artifacts.write(ticket, 'CODING', beadExecutionType(checkpoint.beadId), JSON.stringify(checkpoint), options);
}

export async function readCheckpoint(
  artifacts: ArtifactService,
  ticket: TicketRow,
  beadId: string,
): Promise<BeadExecution | null> {
  const stored = await artifacts.latest(ticket, beadExecutionType(beadId));
  if (!stored) return null;
  try {
    const parsed = BeadExecution.safeParse(JSON.parse(stored.content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * §10.6 restart recovery (b): the checkpoint belongs to exactly this attempt of this bead (id, iteration, startedAt,
 * updatedAt, beadStartCommit) and records a passing marker. Anything else, including the checkpoint of an abandoned
 * earlier iteration, can never finalize the bead.
 */
export const isFinalizable = (checkpoint: BeadExecution, bead: Bead): boolean =>
  checkpoint.outcome === 'done' &&
  checkpoint.beadId === bead.id &&
  checkpoint.iteration === bead.iteration &&
  checkpoint.startedAt === bead.startedAt &&
  checkpoint.updatedAt === bead.updatedAt &&
  checkpoint.beadStartCommit === bead.beadStartCommit;
