import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { WorkspaceFiles } from '../files/port.ts';
import type { Clock } from '../lib/clock.ts';
import { sha256 } from '../lib/hash.ts';
import type { TicketRow } from '../tickets/store.ts';
import { TICKET_DIR } from '../tickets/workspace.ts';
import type { WriteFence } from '../tickets/write-fence.ts';
import { type ArtifactTypeName, parseArtifactTypeName } from './artifact-type.ts';
import type { Artifact, PhaseAttempt } from './schema.ts';
import {
  type ArtifactRow,
  ensureFirstAttempt,
  insertArtifact,
  rollPhaseAttempt,
  selectArtifacts,
  selectPhaseAttempts,
  updateArtifactContent,
} from './store.ts';

export interface WriteOptions {
  /** Relative to `.ticket/`: also written there atomically (canonical files such as interview.yaml). */
  filePath?: string;
  /** Replace the artifact of the same type in the same attempt instead of adding a version. */
  replace?: boolean;
  phaseAttempt?: number;
}

export interface ArtifactFilter {
  phase?: string;
  phaseAttempt?: number;
  artifactType?: ArtifactTypeName;
}

export function toArtifact(row: ArtifactRow, ticketRef: string): Artifact {
  return {
    id: row.id,
    ticketId: ticketRef,
    phase: row.phase,
    phaseAttempt: row.phaseAttempt,
    artifactType: row.artifactType,
    filePath: row.filePath,
    content: row.content,
    contentSha256: row.contentSha256,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Typed artifacts per ticket, phase and attempt, with content hashes and `artifact_change` events. */
export function createArtifactService(
  db: Db,
  clock: Clock,
  events: EventBus,
  files: WorkspaceFiles,
  fence?: WriteFence,
) {
  async function activeAttempt(ticket: TicketRow, phase: string): Promise<number> {
    await ensureFirstAttempt(db, ticket.id, phase, clock.isoNow());
    const attempts = await selectPhaseAttempts(db, ticket.id, phase);
    return attempts.filter((a) => a.state === 'active').at(-1)?.attemptNumber ?? attempts.at(-1)?.attemptNumber ?? 1;
  }

  /** The newest artifact of a type (in the given or any attempt), or undefined. */
  async function latest(
    ticket: TicketRow,
    artifactType: ArtifactTypeName,
    filter: { phase?: string; phaseAttempt?: number } = {},
  ) {
    const rows = await selectArtifacts(db, ticket.id, { ...filter, artifactType });
    const row = rows.at(-1);
    return row ? toArtifact(row, ticket.externalId) : undefined;
  }

  async function list(ticket: TicketRow, filter: ArtifactFilter) {
    return (await selectArtifacts(db, ticket.id, filter)).map((row) => toArtifact(row, ticket.externalId));
  }

  return {
    activeAttempt,

    async write(
      ticket: TicketRow,
      phase: string,
      artifactType: ArtifactTypeName,
      content: string,
      options: WriteOptions = {},
    ) {
      fence?.assertOpen(ticket);
      const phaseAttempt = options.phaseAttempt ?? (await activeAttempt(ticket, phase));
      const now = clock.isoNow();
      const hash = sha256(content);
      if (options.filePath && ticket.worktreePath) {
        await files.write(ticket.worktreePath, `${TICKET_DIR}/${options.filePath}`, content);
      }
      const existing = options.replace
        ? (await selectArtifacts(db, ticket.id, { phase, phaseAttempt, artifactType })).at(-1)
        : undefined;
      const row = existing
        ? await updateArtifactContent(db, existing.id, content, hash, now)
        : await insertArtifact(db, {
            ticketId: ticket.id,
            phase,
            phaseAttempt,
            artifactType,
            content,
            contentSha256: hash,
            filePath: options.filePath ?? null,
            createdAt: now,
            updatedAt: now,
          });
      if (!row) throw new Error('artifact write returned no row');
      const artifact = toArtifact(row, ticket.externalId);
      await events.publish('artifact_change', { ticketId: ticket.externalId, phase, artifactType, artifact });
      return artifact;
    },

    latest,

    list,

    /** GET /tickets/{id}/artifacts: the type filter is free text there; a type LoopTroop never writes matches nothing. */
    async browse(ticket: TicketRow, query: { phase?: string; phaseAttempt?: number; artifactType?: string }) {
      const { artifactType, ...rest } = query;
      if (artifactType === undefined) return list(ticket, rest);
      const type = parseArtifactTypeName(artifactType);
      return type ? list(ticket, { ...rest, artifactType: type }) : [];
    },

    async attempts(ticket: TicketRow, phase: string): Promise<PhaseAttempt[]> {
      const rows = await selectPhaseAttempts(db, ticket.id, phase);
      return rows.map((r) => ({
        ticketId: ticket.externalId,
        phase: r.phase,
        attemptNumber: r.attemptNumber,
        state: r.state === 'archived' ? 'archived' : 'active',
        archivedReason: r.archivedReason,
        createdAt: r.createdAt,
        archivedAt: r.archivedAt,
      }));
    },

    /** Archive the phase's active attempt and open the next (workflow.md §14.3). */
    async roll(ticket: TicketRow, phase: string, reason: string): Promise<number> {
      await ensureFirstAttempt(db, ticket.id, phase, clock.isoNow());
      return rollPhaseAttempt(db, ticket.id, phase, reason, clock.isoNow());
    },

    async requireLatest(ticket: TicketRow, artifactType: ArtifactTypeName, phase?: string) {
      const found = await latest(ticket, artifactType, phase ? { phase } : {});
      if (!found) throw notFound(`Artifact ${artifactType}`, { ticketId: ticket.externalId });
      return found;
    },
  };
}

export type ArtifactService = ReturnType<typeof createArtifactService>;
