import type { z } from 'zod';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import type { TicketRow } from '../tickets/store.ts';

export type RecordArtifacts = Pick<ArtifactService, 'write' | 'latest'>;

export interface RecordLocation {
  ticket: TicketRow;
  phase: string;
  phaseAttempt: number;
  artifactType: ArtifactTypeName;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The stored council record of this attempt, or null when there is none or it no longer parses (start over). */
export async function loadRecord<S extends z.ZodType>(
  artifacts: RecordArtifacts,
  at: RecordLocation,
  schema: S,
): Promise<z.output<S> | null> {
  const stored = await artifacts.latest(at.ticket, at.artifactType, { phase: at.phase, phaseAttempt: at.phaseAttempt });
  if (!stored) return null;
  const parsed = schema.safeParse(parseJson(stored.content));
  return parsed.success ? parsed.data : null;
}

/**
 * Rewrites one council record in place (`replace: true`) as members finish. Writes run one after another in call
 * order, so two members finishing together never race on the same artifact row and the last write is the newest.
 */
export function createRecordWriter(artifacts: RecordArtifacts, at: RecordLocation) {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    save(record: unknown): Promise<void> {
      const content = JSON.stringify(record, null, 2); // snapshot now: later mutations belong to later saves
      const next = tail.then(() =>
        artifacts.write(at.ticket, at.phase, at.artifactType, content, {
          replace: true,
          phaseAttempt: at.phaseAttempt,
        }),
      );
      tail = next.catch(() => undefined); // one failed write must not block the ones after it
      return next.then(() => undefined);
    },
  };
}
