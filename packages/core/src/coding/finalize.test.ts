import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AgentTurn,
  bead,
  type CodingHarness,
  marker,
  useCodingHarnesses,
  writeIn,
} from '../../test/coding-harness.ts';
import type { LockedSettings } from '../lifecycle/settings.ts';
import { PromptFailure } from '../opencode/prompt-error.ts';
import { findPromptFailure, promptFailureDiagnostics } from '../workflow/continuation.ts';

// workflow.md §10.6 "Finalization failure", §10.13 hook policy for the bead commit, and "Provider or session
// interruptions" with Continue (§4.4). Real git (with a real pre-commit hook) and libSQL; only the agent is fake.

const start = useCodingHarnesses();

async function harness(agent: AgentTurn, locked: Partial<LockedSettings> = {}) {
  const h = await start([bead('a', 1)], agent, { locked });
  return h;
}

async function rejectingPreCommitHook(h: CodingHarness) {
  const hook = join(h.repo.dir, '.git', 'hooks', 'pre-commit');
  await writeFile(hook, '#!/bin/sh\necho "pre-commit says no" >&2\nexit 1\n');
  await chmod(hook, 0o755);
}

const editAndPass: AgentTurn = async (r) => {
  if (r.text.includes('context-wipe note')) return 'note';
  await writeIn(r.directory, 'src/a.js', 'export const a = 1;\n');
  return marker('a');
};

describe('CODING: finalization and the git hook policy', () => {
  it('bypasses the repository hooks for the bead commit under Check (validate_advisory)', async () => {
    const h = await harness(editAndPass, { gitHookPolicy: 'validate_advisory' });
    await rejectingPreCommitHook(h);
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.git('show', '--name-only', '--format=', 'HEAD')).toBe('src/a.js');
  });

  it('blocks with BEAD_FINALIZATION_FAILED, a finalization note and no Ralph iteration when the commit fails', async () => {
    const h = await harness(editAndPass, { gitHookPolicy: 'use_native_hooks' });
    await rejectingPreCommitHook(h);
    const head = h.git('rev-parse', 'HEAD');
    await expect(h.run()).rejects.toMatchObject({ codes: ['BEAD_FINALIZATION_FAILED'] });
    expect(h.git('rev-parse', 'HEAD')).toBe(head);
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'error', iteration: 1, failedIterationNotes: [] });
    expect(a?.finalizationFailureNotes).toHaveLength(1);
    expect(a?.finalizationFailureNotes[0]).toMatchObject({ iteration: 1, errorCode: 'BEAD_FINALIZATION_FAILED' });
    expect(a?.finalizationFailureNotes[0]?.content).toContain('pre-commit says no');
    // one session, no context-wipe note, no bead_complete
    expect(h.prompts).toHaveLength(1);
    expect(h.events.some((e) => e.type === 'bead_complete')).toBe(false);
  });

  it('finishes with a warning when the backup push fails', async () => {
    const h = await harness(editAndPass);
    h.git('remote', 'set-url', 'origin', join(h.repo.dir, 'no-such-remote'));
    expect(await h.run()).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect((await h.beads())[0]?.status).toBe('done');
    const logs = h.events.filter((e) => e.type === 'log').map((e) => String(e.data.message));
    expect(logs.some((m) => m.includes('The backup push to APP-1 failed'))).toBe(true);
  });
});

describe('CODING: provider interruptions and Continue', () => {
  it('blocks with the session preserved, without spending the bead budget, and Continue resumes that session', async () => {
    const h = await harness(async (r) => {
      if (r.turn === 1) throw new Error('APIError: Too Many Requests (HTTP 429)');
      return editAndPass(r);
    });
    const error = await h.run().catch((e: unknown) => e);
    expect(error).toMatchObject({ codes: ['CODING_FAILED'] });
    // the runner reads the failed prompt behind the block for Continue (workflow/continuation.ts)
    expect(findPromptFailure(error)).toBeInstanceOf(PromptFailure);
    expect(findPromptFailure(error)).toMatchObject({ kind: 'runtime', sessionId: 'ses_1' });
    expect(await h.sessionState('ses_1')).toBe('active');
    const [paused] = await h.beads();
    expect(paused).toMatchObject({ status: 'in_progress', iteration: 1, failedIterationNotes: [] });

    expect(await h.run({}, { continuation: { sessionId: 'ses_1' } })).toMatchObject({ event: 'BEAD_COMPLETE' });
    expect(h.prompts[1]).toMatchObject({ sessionId: 'ses_1', text: 'continue please' });
    expect(h.sessions).toEqual(['ses_1']);
    const [a] = await h.beads();
    expect(a).toMatchObject({ status: 'done', iteration: 1 });
    expect((a?.updatedAt ?? '') > (paused?.updatedAt ?? '')).toBe(true);
  });

  const retryEvent = (sessionId: string, attempt: number) =>
    ({ type: 'status', sessionId, status: 'retry', message: 'Overloaded', attempt }) as const;
  const stalled =
    (h: () => CodingHarness, retries: number): AgentTurn =>
    (r) => {
      for (let i = 1; i <= retries; i++) h().emit(retryEvent(r.sessionId, i));
      return new Promise<never>((_ok, fail) => {
        if (r.signal?.aborted) fail(new Error('aborted'));
        r.signal?.addEventListener('abort', () => fail(new Error('aborted')));
      });
    };

  it('counts provider retry events against opencodeRetryLimit and blocks as a continuable failure', async () => {
    let current: CodingHarness | undefined;
    const h = await harness(stalled(() => current as CodingHarness, 3));
    current = h;
    const error = await h.run({ opencodeRetryLimit: 2, perIterationTimeout: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ codes: ['CODING_FAILED'] });
    expect(findPromptFailure(error)?.message).toContain('3 provider retries, the limit is 2');
    expect(promptFailureDiagnostics(error, 'CODING')).toMatchObject({
      sessionId: 'ses_1',
      // the provider's own last retry message ("Overloaded") names the cause; either way it is continuable
      failureClass: 'overloaded',
      continuable: true,
    });
    expect(await h.sessionState('ses_1')).toBe('active');
    expect((await h.beads())[0]).toMatchObject({ status: 'in_progress', iteration: 1, failedIterationNotes: [] });
  });

  it('tolerates retries within the limit, but not a stall longer than the grace window', async () => {
    let current: CodingHarness | undefined;
    const h = await harness(stalled(() => current as CodingHarness, 1));
    current = h;
    const began = Date.now();
    const error = await h
      .run({ opencodeRetryLimit: 10, opencodeRetryDelay: 1, perIterationTimeout: 30 })
      .catch((e: unknown) => e);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(findPromptFailure(error)?.message).toContain('kept retrying for 1 s without progress');
    expect(promptFailureDiagnostics(error, 'CODING')).toMatchObject({ continuable: true });
    expect((await h.beads())[0]?.failedIterationNotes).toEqual([]);
  });
});
