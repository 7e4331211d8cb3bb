import { deferred } from '@looptroop/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type ScriptedEngine, startScriptedEngine } from './scripted-engine.ts';

// architecture.md §7.2, workflow.md §4.2: the process stops after a phase finished its work but before the runner
// wrote the transition. The next process re-enters the same status in the same attempt; the handler finds its saved
// work and the ticket moves on exactly once. Real engine on one libSQL file across both processes.

describe('a restart between "phase finished" and "transition written"', () => {
  const engines: ScriptedEngine[] = [];
  afterAll(async () => {
    await engines.at(-1)?.dispose();
  });

  it('re-enters the status in the same attempt after the restart and finishes it once', async () => {
    const first = await startScriptedEngine(['SCANNING_RELEVANT_FILES', 'COUNCIL_DELIBERATING']);
    engines.push(first);
    const ticket = await first.ticketIn('SCANNING_RELEVANT_FILES', 'DRAFT');
    const workDone = deferred();
    first.phases.script(
      'SCANNING_RELEVANT_FILES',
      async (ctx) => {
        await first.core.services.artifacts.write(ctx.ticket, ctx.status, 'relevant_files', 'file_count: 0\n');
        workDone.resolve();
        // the process goes down right here: the event below never becomes a transition
        await new Promise((stop) => ctx.signal.addEventListener('abort', stop));
        return { event: 'RELEVANT_FILES_READY' };
      },
      // after the restart: like the real scan, reuse what this attempt already saved
      async (ctx) => {
        const saved = await second.core.services.artifacts.latest(ctx.ticket, 'relevant_files', {
          phase: ctx.status,
          phaseAttempt: ctx.phaseAttempt,
        });
        if (!saved) throw new Error('the saved scan is gone');
        return { event: 'RELEVANT_FILES_READY' };
      },
    );
    first.phases.script('COUNCIL_DELIBERATING', async () => ({ event: null }));
    first.runner.kick(ticket.id);
    await workDone.promise;
    await first.stop();

    const second = await first.restart();
    engines.push(second);
    expect((await second.reload(ticket)).status).toBe('SCANNING_RELEVANT_FILES');
    await second.workflow.recover();
    await second.runner.idle(ticket.id);

    const after = await second.reload(ticket);
    expect(after.status).toBe('COUNCIL_DELIBERATING');
    expect(await second.history(ticket)).toEqual([
      'SCANNING_RELEVANT_FILES → COUNCIL_DELIBERATING (RELEVANT_FILES_READY)',
    ]);
    const scans = second.phases.runs.filter((r) => r.status === 'SCANNING_RELEVANT_FILES');
    expect(scans.map((r) => [r.phaseAttempt, r.ticket.workflowRevision])).toEqual([
      [1, ticket.workflowRevision],
      [1, ticket.workflowRevision],
    ]);
    expect(second.phases.runs.filter((r) => r.status === 'COUNCIL_DELIBERATING')).toHaveLength(1);
    expect(await second.core.services.artifacts.list(after, { artifactType: 'relevant_files' })).toHaveLength(1);
    const startup = await second.core.services.health.startup();
    expect(startup.recovery.tickets).toContainEqual(
      expect.objectContaining({ ticketId: ticket.externalId, status: 'SCANNING_RELEVANT_FILES', action: 'resumed' }),
    );
  });
});
