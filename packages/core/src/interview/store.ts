import type { ArtifactService } from '../artifacts/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { InterviewSession } from './schema.ts';

export const SESSION_ARTIFACT = 'interview_session';
export const SESSION_PHASE = 'WAITING_INTERVIEW_ANSWERS';

/** The newest session snapshot (any attempt), parsed; null before compilation. */
export async function loadSession(artifacts: ArtifactService, ticket: TicketRow): Promise<InterviewSession | null> {
  const latest = await artifacts.latest(ticket, SESSION_ARTIFACT);
  if (!latest) return null;
  return InterviewSession.parse(JSON.parse(latest.content));
}

export async function saveSession(artifacts: ArtifactService, ticket: TicketRow, session: InterviewSession) {
  await artifacts.write(ticket, SESSION_PHASE, SESSION_ARTIFACT, JSON.stringify(session), { replace: true });
}
