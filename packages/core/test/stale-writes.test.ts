import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamEvents } from '../src/db/schema.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { TicketRow } from '../src/tickets/store.ts';
import { applyTransition } from '../src/workflow/persistence.ts';
import { type ScriptedEngine, startScriptedEngine } from './scripted-engine.ts';

// Two guards against writing over a change someone else made (workflow.md §4.1, §14.4): a transition is written only
// on the revision it was decided on, and an approval only for the content the user saw. Real engine, real libSQL
// file, scripted handlers.

const PRD = 'epics:\n  - id: EP-1\n    title: Sign in\n';

describe('stale writes are refused', () => {
  let engine: ScriptedEngine;
  beforeAll(async () => {
    engine = await startScriptedEngine(['DRAFTING_BEADS']);
  });
  afterAll(() => engine.dispose());

  const stateChanges = async (ticket: TicketRow) =>
    engine.core.db
      .select()
      .from(streamEvents)
      .where(and(eq(streamEvents.ticketRef, ticket.externalId), eq(streamEvents.type, 'state_change')));

  describe('a stale workflow revision', () => {
    it('refuses a transition decided on an older revision with 409 and writes nothing', async () => {
      const stale = await engine.ticketIn('SCANNING_RELEVANT_FILES', 'DRAFT');
      const { db } = engine.core;
      const events = engine.core.services.events;
      // Another writer blocks the ticket first…
      await applyTransition(db, events, systemClock, stale, { event: 'ERROR', reason: 'scan failed' });
      // …then a late writer still holding the old row tries to move it on.
      await expect(
        applyTransition(db, events, systemClock, stale, { event: 'RELEVANT_FILES_READY' }),
      ).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('changed while this action ran') });
      const now = await engine.reload(stale);
      expect(now).toMatchObject({ status: 'BLOCKED_ERROR', workflowRevision: stale.workflowRevision + 1 });
      expect(await engine.history(stale)).toEqual(['SCANNING_RELEVANT_FILES → BLOCKED_ERROR (ERROR)']);
      expect(await stateChanges(stale)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent approvals through; the other answers 409', async () => {
      const ticket = await engine.ticketIn('WAITING_PRD_APPROVAL', 'VERIFYING_PRD_COVERAGE');
      const prd = await engine.core.services.artifacts.write(ticket, 'REFINING_PRD', 'prd', PRD);
      engine.phases.script('DRAFTING_BEADS', async () => ({ event: null }));
      const input = { id: ticket.externalId, expectedContentSha256: prd.contentSha256 };
      const results = await Promise.allSettled([engine.workflow.approve(input), engine.workflow.approve(input)]);
      await engine.runner.idle(ticket.id);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.reason).toMatchObject({ kind: 'conflict' });
      expect(await engine.history(ticket)).toEqual(['WAITING_PRD_APPROVAL → DRAFTING_BEADS (APPROVE)']);
      expect(await stateChanges(ticket)).toHaveLength(1);
      expect(engine.phases.runs.filter((r) => r.ticket.id === ticket.id)).toHaveLength(1);
      // the refused approval leaves no receipt behind (workflow.md §14.4: a receipt records an approval that happened)
      expect(await engine.core.services.artifacts.list(ticket, { artifactType: 'approval_receipt' })).toHaveLength(1);
    });
  });

  describe('a stale approval hash', () => {
    it('refuses to approve content the user did not see, then approves the current content', async () => {
      const ticket = await engine.ticketIn('WAITING_PRD_APPROVAL', 'VERIFYING_PRD_COVERAGE');
      const artifacts = engine.core.services.artifacts;
      const seen = await artifacts.write(ticket, 'REFINING_PRD', 'prd', PRD);
      // the document is edited (another tab, Fix gaps with AI) after this tab loaded it
      const edited = await artifacts.write(
        ticket,
        'WAITING_PRD_APPROVAL',
        'prd',
        `${PRD}  - id: EP-2\n    title: Out\n`,
      );
      await expect(
        engine.workflow.approve({ id: ticket.externalId, expectedContentSha256: seen.contentSha256 }),
      ).rejects.toMatchObject({
        kind: 'conflict',
        message: 'Stale approval',
        details: { expectedContentSha256: seen.contentSha256, currentContentSha256: edited.contentSha256 },
      });
      expect((await engine.reload(ticket)).status).toBe('WAITING_PRD_APPROVAL');
      expect(await artifacts.latest(ticket, 'approval_receipt')).toBeUndefined();
      expect(await engine.history(ticket)).toEqual([]);

      engine.phases.script('DRAFTING_BEADS', async () => ({ event: null }));
      const approved = await engine.workflow.approve({
        id: ticket.externalId,
        expectedContentSha256: edited.contentSha256,
      });
      await engine.runner.idle(ticket.id);
      expect(approved.status).toBe('DRAFTING_BEADS');
      const receipt = await artifacts.latest(ticket, 'approval_receipt');
      expect(JSON.parse(receipt?.content ?? '{}')).toMatchObject({
        artifactType: 'prd',
        artifactId: edited.id,
        contentSha256: edited.contentSha256,
      });
    });
  });
});
