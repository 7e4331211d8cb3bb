import { deferred } from '@looptroop/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/lib/clock.ts';
import { selectErrorOccurrences } from '../src/workflow/error-store.ts';
import { applyTransition } from '../src/workflow/persistence.ts';
import { type ScriptedEngine, startScriptedEngine } from './scripted-engine.ts';

// workflow.md §4.2, §4.5: a phase's outcome lands only on the ticket it started from. Cancel, or any other change of
// the ticket while the handler ran, wins over the handler's late event or late failure. Real runner and libSQL file;
// the handlers are scripted.

describe('a running phase racing another change of its ticket', () => {
  let engine: ScriptedEngine;
  beforeAll(async () => {
    engine = await startScriptedEngine(['SCANNING_RELEVANT_FILES', 'WAITING_INTERVIEW_ANSWERS']);
  });
  afterAll(() => engine.dispose());

  it('cancel wins over a handler that still reports success after the abort', async () => {
    const ticket = await engine.ticketIn('SCANNING_RELEVANT_FILES', 'DRAFT');
    engine.phases.script('SCANNING_RELEVANT_FILES', async (ctx) => {
      // ignores the cancel and finishes its work anyway
      await new Promise((resume) => ctx.signal.addEventListener('abort', resume));
      return { event: 'RELEVANT_FILES_READY' };
    });
    const running = engine.phases.nextRun('SCANNING_RELEVANT_FILES');
    engine.runner.kick(ticket.id);
    await running;
    const canceled = await engine.workflow.cancel({ id: ticket.externalId, deleteContent: false, deleteLog: false });
    expect(canceled.status).toBe('CANCELED');
    await engine.runner.idle(ticket.id);
    expect((await engine.reload(ticket)).status).toBe('CANCELED');
    expect(await engine.history(ticket)).toEqual(['SCANNING_RELEVANT_FILES → CANCELED (CANCEL)']);
    expect(await selectErrorOccurrences(engine.core.db, ticket.id)).toEqual([]);
  });

  it('cancel sends nothing for a handler that fails because it was aborted', async () => {
    const ticket = await engine.ticketIn('SCANNING_RELEVANT_FILES', 'DRAFT');
    engine.phases.script('SCANNING_RELEVANT_FILES', async (ctx) => {
      await new Promise((resume) => ctx.signal.addEventListener('abort', resume));
      throw new Error('The prompt was canceled');
    });
    const running = engine.phases.nextRun('SCANNING_RELEVANT_FILES');
    engine.runner.kick(ticket.id);
    await running;
    await engine.workflow.cancel({ id: ticket.externalId, deleteContent: false, deleteLog: false });
    await engine.runner.idle(ticket.id);
    expect(await engine.history(ticket)).toEqual(['SCANNING_RELEVANT_FILES → CANCELED (CANCEL)']);
    expect(await selectErrorOccurrences(engine.core.db, ticket.id)).toEqual([]);
  });

  /**
   * The interview answers route moves WAITING_INTERVIEW_ANSWERS → WAITING_INTERVIEW_ANSWERS (BATCH_ANSWERED) while a
   * handler of the previous batch may still run, and it does not abort that handler: its late event is stale.
   */
  async function answeredWhileRunning(staleStep: () => Promise<never> | Promise<{ event: 'INTERVIEW_COMPLETE' }>) {
    const ticket = await engine.ticketIn('WAITING_INTERVIEW_ANSWERS', 'COMPILING_INTERVIEW');
    const release = deferred();
    engine.phases.script(
      'WAITING_INTERVIEW_ANSWERS',
      async () => {
        await release.promise;
        return staleStep();
      },
      async () => ({ event: null }), // the run for the new batch: it asks its questions and waits
    );
    const running = engine.phases.nextRun('WAITING_INTERVIEW_ANSWERS');
    engine.runner.kick(ticket.id);
    const first = await running;
    const moved = await applyTransition(engine.core.db, engine.core.services.events, systemClock, first.ticket, {
      event: 'BATCH_ANSWERED',
      reason: 'batch answered',
    });
    engine.runner.kick(moved.id);
    release.resolve();
    await engine.runner.idle(ticket.id);
    return { ticket, moved };
  }

  it('drops a late event when the ticket moved meanwhile (their change wins) and reruns for the new revision', async () => {
    const { ticket, moved } = await answeredWhileRunning(async () => ({ event: 'INTERVIEW_COMPLETE' }));
    const now = await engine.reload(ticket);
    expect(now.status).toBe('WAITING_INTERVIEW_ANSWERS');
    expect(now.workflowRevision).toBe(moved.workflowRevision);
    expect(await engine.history(ticket)).toEqual([
      'WAITING_INTERVIEW_ANSWERS → WAITING_INTERVIEW_ANSWERS (BATCH_ANSWERED)',
    ]);
    const runs = engine.phases.runs.filter((r) => r.ticket.id === ticket.id);
    expect(runs.map((r) => r.ticket.workflowRevision)).toEqual([ticket.workflowRevision, moved.workflowRevision]);
  });

  it('drops a late failure when the ticket moved meanwhile: the moved ticket is not blocked', async () => {
    const { ticket } = await answeredWhileRunning(async () => {
      throw new Error('the previous batch failed');
    });
    expect((await engine.reload(ticket)).status).toBe('WAITING_INTERVIEW_ANSWERS');
    expect(await selectErrorOccurrences(engine.core.db, ticket.id)).toEqual([]);
    expect(await engine.history(ticket)).toEqual([
      'WAITING_INTERVIEW_ANSWERS → WAITING_INTERVIEW_ANSWERS (BATCH_ANSWERED)',
    ]);
  });
});
