import { type ArtifactTypeName, artifactTypeOf } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { invalidInput } from '../errors.ts';
import type { TicketRow } from '../tickets/store.ts';
import { toJsonl } from './expand.ts';
import { Bead } from './schema.ts';

/** §9.3: `flow` defaults to the ticket's base branch. A flow becomes a folder, so it must stay inside `.ticket/beads`. */
export function flowOf(ticket: TicketRow, flow?: string): string {
  const name = flow ?? ticket.baseBranch ?? 'main';
  const segments = name.split('/');
  if (!/^[A-Za-z0-9._/-]+$/.test(name) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw invalidInput(`Invalid flow name "${name}"`, { flow: name });
  }
  return name;
}

/** The default flow's plan is the `beads` artifact the approval gate reviews; other flows get `beads:<flow>`. */
export const planArtifactType = (ticket: TicketRow, flow: string): ArtifactTypeName =>
  flow === flowOf(ticket) ? 'beads' : artifactTypeOf('beads', flow);

export const planFilePath = (flow: string) => `beads/${flow}/.beads/issues.jsonl`;

/** Write the plan (JSONL) as the flow's artifact and `.ticket/beads/<flow>/.beads/issues.jsonl`, atomically. */
export function writePlan(
  artifacts: ArtifactService,
  ticket: TicketRow,
  phase: string,
  beads: readonly Bead[],
  flow = flowOf(ticket),
) {
  return artifacts.write(ticket, phase, planArtifactType(ticket, flow), toJsonl(beads), {
    filePath: planFilePath(flow),
  });
}

/** Parse a JSONL plan; a line that is not a bead is an error naming its line. */
export function parseJsonl(raw: string): { beads: unknown[]; errors: { line: number; message: string }[] } {
  const beads: unknown[] = [];
  const errors: { line: number; message: string }[] = [];
  raw.split('\n').forEach((text, index) => {
    if (!text.trim()) return;
    try {
      beads.push(JSON.parse(text));
    } catch (error) {
      errors.push({ line: index + 1, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return { beads, errors };
}

export async function readPlan(artifacts: ArtifactService, ticket: TicketRow, flow = flowOf(ticket)) {
  const stored = await artifacts.latest(ticket, planArtifactType(ticket, flow));
  if (!stored) return null;
  const beads = parseJsonl(stored.content).beads.flatMap((b) => {
    const parsed = Bead.safeParse(b);
    return parsed.success ? [parsed.data] : [];
  });
  return { artifact: stored, beads: beads.sort((a, b) => a.priority - b.priority) };
}
