import { parse, stringify } from 'yaml';
import { userEditReceiptOf } from '../artifacts/artifact-type.ts';
import { conflict, invalidInput } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { sha256 } from '../lib/hash.ts';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { effectiveStatus, planningFrom, type RestartDeps, restartPlanning } from '../planning/restart.ts';
import type { TicketService } from '../tickets/service.ts';
import { TICKET_FILES } from '../tickets/workspace.ts';
import { normalizePrd } from './normalize.ts';
import { ModelPrd } from './schema.ts';

export interface PrdDeps extends RestartDeps {
  clock: Clock;
  tickets: TicketService;
  /** A "Fix gaps with AI" run owns the document until it ends (§8.5). */
  busy: (ticketId: number) => boolean;
}

/**
 * Saving the PRD (`PUT /api/files/:ticketId/prd`, workflow.md §8.5, §4.8): validated and rewritten canonically.
 * At WAITING_PRD_APPROVAL the new version must be approved again (the approval hash changes). In the beads phases
 * (the PRD was approved) the saved PRD becomes the approved one, beads work is archived and planning restarts at
 * DRAFTING_BEADS. While the PRD is still being generated, and from the execution band on, 409.
 */
export function createPrdService(deps: PrdDeps) {
  const { artifacts, tickets, clock } = deps;
  const beadsPhases = planningFrom('DRAFTING_BEADS');

  async function saveRaw(ref: string, raw: string) {
    const ticket = await tickets.resolve(ref);
    if (deps.busy(ticket.id)) throw conflict('A gap fix is running on this PRD; save again when it ends');
    const at = effectiveStatus(ticket);
    const restart = at !== null && beadsPhases.includes(at);
    if (!restart && at !== 'WAITING_PRD_APPROVAL') {
      throw conflict(
        at && TicketStatus.options.indexOf(at) > TicketStatus.options.indexOf('WAITING_BEADS_APPROVAL')
          ? 'The PRD is read-only once execution has started'
          : `The PRD cannot be edited while the ticket is in ${ticket.status}`,
        { status: ticket.status },
      );
    }
    let parsed: unknown;
    try {
      parsed = parse(raw);
    } catch (error) {
      throw invalidInput('The PRD is not valid YAML', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const model = ModelPrd.safeParse(parsed);
    if (!model.success) throw invalidInput('The PRD does not match its schema', model.error.issues);
    const interview = await artifacts.latest(ticket, 'interview');
    const { prd } = normalizePrd(model.data, {
      ticketId: ticket.externalId,
      interviewSha256: interview?.contentSha256 ?? '',
      status: restart ? 'approved' : 'draft',
    });
    const canonical = stringify(prd, { lineWidth: 0 });
    const before = await artifacts.latest(ticket, 'prd');
    if (before?.contentSha256 === sha256(canonical)) return;
    if (restart) await deps.transitions.abort(ticket);
    const current = await tickets.resolve(ref);
    const phase = TicketStatus.parse(current.status);
    const saved = await artifacts.write(current, phase, 'prd', canonical, { filePath: TICKET_FILES.prd });
    await artifacts.write(
      current,
      phase,
      userEditReceiptOf('prd'),
      JSON.stringify({
        beforeSha256: before?.contentSha256 ?? null,
        afterSha256: saved.contentSha256,
        savedAt: clock.isoNow(),
      }),
    );
    if (restart) await restartPlanning(deps, current, 'DRAFTING_BEADS', 'planning_restart_after_prd_edit');
  }

  return { saveRaw };
}

export type PrdService = ReturnType<typeof createPrdService>;
