import { parse } from 'yaml';
import { userEditReceiptOf } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { conflict, invalidInput } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { TicketStatus } from '../lifecycle/statuses.ts';
import { prdRefIds } from '../prd/normalize.ts';
import { PrdDocument } from '../prd/schema.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { checkPlan, reverseDependencies } from './graph.ts';
import { flowOf, parseJsonl, readPlan, writePlan } from './plan-store.ts';
import { type Bead, type BeadEdit, BeadEdit as BeadEditSchema, type BeadIssue, type BeadsView } from './schema.ts';

export interface BeadsDeps {
  clock: Clock;
  tickets: TicketService;
  artifacts: ArtifactService;
  /** A "Fix gaps with AI" run owns the plan until it ends (§9.6). */
  busy: (ticketId: number) => boolean;
  /** §4.8: a saved bead plan clears all execution-setup state (execution/setup-state.ts, wired in context.ts). */
  clearExecutionSetup?: (ticket: TicketRow, reason: string) => Promise<unknown>;
}

/** `GET|PUT /api/tickets/:id/beads` (api-reference.txt "Bead Routes", workflow.md §9.6). */
export function createBeadsService(deps: BeadsDeps) {
  const { tickets, artifacts, clock } = deps;

  /** The approved PRD's epic and story ids, which `prdRefs` must name (§9.1); unknown when there is no valid PRD. */
  async function knownRefs(ticket: TicketRow): Promise<ReadonlySet<string> | undefined> {
    const stored = await artifacts.latest(ticket, 'prd');
    const prd = stored ? PrdDocument.safeParse(parse(stored.content)) : null;
    return prd?.success ? prdRefIds(prd.data) : undefined;
  }

  async function get(ref: string, flowName?: string): Promise<BeadsView> {
    const ticket = await tickets.resolve(ref);
    const flow = ticket.worktreePath ? flowOf(ticket, flowName) : (flowName ?? 'main');
    const plan = ticket.worktreePath ? await readPlan(artifacts, ticket, flow) : null;
    return {
      ticketId: ticket.externalId,
      flow,
      exists: plan !== null,
      beads: plan?.beads ?? [],
      raw: plan?.artifact.content ?? null,
      contentSha256: plan?.artifact.contentSha256 ?? null,
      editable: ticket.status === 'WAITING_BEADS_APPROVAL',
      issues: plan ? checkPlan(plan.beads, { knownRefs: await knownRefs(ticket) }) : [],
    };
  }

  /**
   * Replace the whole plan atomically; only at WAITING_BEADS_APPROVAL (§9.6). Every bead is validated and the graph
   * checked (unknown ids, cycles, unsafe target files…); problems come back as 400 listed per bead. App-owned fields
   * are recomputed: priority from position, `blocks` from `blocked_by`, status pending; a bead that keeps its id
   * keeps its creation time and note histories. All execution-setup state is cleared (§4.8): a setup plan drafted
   * for the old beads is no longer approved for the new ones.
   */
  async function put(input: {
    id: string;
    flow?: string | undefined;
    beads?: Record<string, unknown>[] | undefined;
    raw?: string | undefined;
    expectedContentSha256?: string | undefined;
  }): Promise<BeadsView> {
    const ticket = await tickets.resolve(input.id);
    const status = TicketStatus.parse(ticket.status);
    if (status !== 'WAITING_BEADS_APPROVAL') {
      throw conflict(`The bead plan can only be edited while it waits for approval (the ticket is in ${status})`, {
        status,
      });
    }
    if (deps.busy(ticket.id)) throw conflict('A gap fix is running on this plan; save again when it ends');
    const flow = flowOf(ticket, input.flow);
    const before = await readPlan(artifacts, ticket, flow);
    if (input.expectedContentSha256 && before && before.artifact.contentSha256 !== input.expectedContentSha256) {
      const hashes = {
        expectedContentSha256: input.expectedContentSha256,
        currentContentSha256: before.artifact.contentSha256,
      };
      // Same shape as a stale approval (workflow.md §14.4): hashes at the top level and in details.
      throw conflict('The bead plan changed since it was loaded', hashes, hashes);
    }
    let records: unknown[] = input.beads ?? [];
    if (input.raw !== undefined) {
      const parsed = parseJsonl(input.raw);
      if (parsed.errors.length) {
        throw invalidInput('The bead plan is not valid JSONL', {
          issues: parsed.errors.map((e) => ({ beadId: null, field: null, message: `line ${e.line}: ${e.message}` })),
        });
      }
      records = parsed.beads;
    }
    const issues: BeadIssue[] = [];
    const edits: BeadEdit[] = [];
    records.forEach((record, index) => {
      const parsed = BeadEditSchema.safeParse(record);
      const rawId = (record as { id?: unknown } | null)?.id;
      const beadId = typeof rawId === 'string' && rawId ? rawId : `#${index + 1}`;
      if (parsed.success) edits.push(parsed.data);
      else
        for (const issue of parsed.error.issues) {
          issues.push({ beadId, field: issue.path.join('.') || null, message: `${beadId}: ${issue.message}` });
        }
    });
    if (!issues.length) issues.push(...checkPlan(edits, { knownRefs: await knownRefs(ticket) }));
    if (issues.length) {
      const summary = [...new Set(issues.map((i) => i.message))].slice(0, 3).join('; ');
      throw invalidInput(`The bead plan is invalid: ${summary}`, { issues });
    }
    const now = clock.isoNow();
    const previous = new Map((before?.beads ?? []).map((b) => [b.id, b]));
    const blocks = reverseDependencies(edits);
    const beads = edits.map((edit, index): Bead => {
      const old = previous.get(edit.id);
      const bead: Bead = {
        id: edit.id,
        title: edit.title,
        prdRefs: edit.prdRefs,
        description: edit.description,
        contextGuidance: edit.contextGuidance,
        acceptanceCriteria: edit.acceptanceCriteria,
        tests: edit.tests,
        testCommands: edit.testCommands,
        priority: index + 1,
        status: 'pending',
        issueType: edit.issueType,
        externalRef: ticket.externalId,
        labels: edit.labels,
        dependencies: { blocked_by: edit.dependencies.blocked_by, blocks: blocks.get(edit.id) ?? [] },
        targetFiles: edit.targetFiles,
        failedIterationNotes: old?.failedIterationNotes ?? [],
        userRetryNotes: old?.userRetryNotes ?? [],
        finalizationFailureNotes: old?.finalizationFailureNotes ?? [],
        iteration: 1,
        createdAt: old?.createdAt ?? now,
        updatedAt: now,
        startedAt: '',
        completedAt: '',
        beadStartCommit: null,
      };
      if (!edit.testCommands.length) bead.testCommandReason = edit.testCommandReason ?? '';
      return bead;
    });
    const saved = await writePlan(artifacts, ticket, status, beads, flow);
    await artifacts.write(
      ticket,
      status,
      userEditReceiptOf('beads'),
      JSON.stringify({
        flow,
        beforeSha256: before?.artifact.contentSha256 ?? null,
        afterSha256: saved.contentSha256,
        savedAt: now,
      }),
    );
    await deps.clearExecutionSetup?.(ticket, 'execution_setup_cleared_by_beads_edit');
    return get(input.id, flow);
  }

  return { get, put };
}

export type BeadsService = ReturnType<typeof createBeadsService>;
