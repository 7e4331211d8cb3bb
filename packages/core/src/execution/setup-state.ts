import type { ArtifactService } from '../artifacts/service.ts';
import type { Db } from '../db/client.ts';
import { stripTerminalNoise } from '../structured/index.ts';
import { deleteUiStateByPrefix, type TicketRow } from '../tickets/store.ts';
import { REPORT_TYPE } from './setup-phase.ts';
import { GATE, GENERATING, PLAN_NOTES_TYPE, PREPARING } from './setup-plan-store.ts';
import { clearSetupRuntime } from './setup-runtime-files.ts';

// workflow.md §4.8: the execution-setup state a rewind clears, and §4.4/§10.3: the runtime failure a later
// regeneration receives. The plan, its approval receipt, the generation request and the profile live in the active
// attempts of the three setup phases; archiving those attempts is what clears them (history stays readable).

/** The ui-state scopes of the setup-plan editor (`setup-plan-draft`…): cleared with the plan they were drafted on. */
export const SETUP_UI_SCOPE_PREFIX = 'setup-plan';

const SETUP_PHASES = [GENERATING, GATE, PREPARING] as const;

export interface SetupStateDeps {
  db: Db;
  artifacts: ArtifactService;
}

/**
 * Clear all execution-setup state of a ticket (§4.8: a bead-plan save, an interview or PRD restart): archive the
 * active attempt of every setup phase that has one (plan, approval receipt, generation request, profile, reports),
 * start the commentary history afresh, drop the editor's autosaved draft, and remove the runtime profile mirror and
 * wrapper outputs. The tool cache stays: it holds downloads, not decisions. Returns whether anything was cleared.
 */
export async function clearExecutionSetupState(
  deps: SetupStateDeps,
  ticket: TicketRow,
  reason: string,
): Promise<boolean> {
  let cleared = false;
  for (const phase of SETUP_PHASES) {
    if (!(await deps.artifacts.attempts(ticket, phase)).length) continue;
    await deps.artifacts.roll(ticket, phase, reason);
    cleared = true;
  }
  // Notes are read newest-first across attempts (they accumulate over regenerations): an empty list ends them.
  if (await deps.artifacts.latest(ticket, PLAN_NOTES_TYPE))
    await deps.artifacts.write(ticket, GENERATING, PLAN_NOTES_TYPE, JSON.stringify({ notes: [] }));
  await deleteUiStateByPrefix(deps.db, ticket.id, [SETUP_UI_SCOPE_PREFIX]);
  if (ticket.worktreePath) await clearSetupRuntime(ticket.worktreePath);
  return cleared;
}

const MAX_FAILURE_CHARS = 4_000;

const clean = (text: string) => stripTerminalNoise(text).text.trim();

/**
 * The cleaned text of a blocked workspace setup's failure (§4.4: "a later regeneration receives the cleaned setup
 * failure text"): the failure of each attempt in the newest setup report, terminal noise stripped and bounded; the
 * ticket's error message when the report has none.
 */
export async function setupFailureText(artifacts: ArtifactService, ticket: TicketRow): Promise<string | null> {
  const stored = await artifacts.latest(ticket, REPORT_TYPE, { phase: PREPARING });
  const report = stored
    ? (JSON.parse(stored.content) as { attempts?: { attempt: number; error: string | null }[] })
    : null;
  const lines = (report?.attempts ?? []).flatMap((a) => (a.error ? [`Attempt ${a.attempt}: ${clean(a.error)}`] : []));
  const text = lines.length ? lines.join('\n') : ticket.errorMessage ? clean(ticket.errorMessage) : '';
  if (!text) return null;
  return text.length > MAX_FAILURE_CHARS ? `…${text.slice(-MAX_FAILURE_CHARS)}` : text;
}
