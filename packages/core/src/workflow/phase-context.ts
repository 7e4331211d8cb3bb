import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketStatus } from '../lifecycle/statuses.ts';
import type { ProfileService } from '../profile/service.ts';
import { ProjectOverrides } from '../projects/schema.ts';
import { selectProject } from '../projects/store.ts';
import type { TicketRow } from '../tickets/store.ts';
import { loadContinuation } from './continuation-store.ts';
import { readLaterSettings } from './settings.ts';

/**
 * What a handler needs to run `status`'s work for a ticket: its project, the settings locked at Start, the settings
 * read now (§1.2), and the status's active attempt. Null when the ticket lost its project, the profile or its lock.
 */
export async function buildPhaseContext(
  deps: { db: Db; profile: ProfileService; artifacts: ArtifactService },
  row: TicketRow,
  status: TicketStatus,
  signal: AbortSignal,
): Promise<PhaseContext | null> {
  const project = await selectProject(deps.db, row.projectId);
  const profile = await deps.profile.settings();
  const locked = LockedSettings.safeParse(row.lockedSettings);
  if (!project || !profile || !locked.success) return null;
  const continuation = await loadContinuation(deps.db, row, status);
  return {
    ticket: row,
    project,
    status,
    locked: locked.data,
    settings: readLaterSettings(profile, ProjectOverrides.parse(project.overrides)),
    phaseAttempt: await deps.artifacts.activeAttempt(row, status),
    signal,
    ...(continuation && { continuation }),
  };
}
