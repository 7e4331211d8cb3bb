import { execFileSync } from 'node:child_process';
import { commitOnBranch, createTempRepo, type TempRepo } from '@looptroop/testkit';
import { reviewTicketRow as ticketRow } from '@looptroop/testkit/fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import { createTicketDelivery, targetOf } from './ticket-delivery.ts';

// A ticket row through the provider choice to a real repository with a bare origin: publish, merge, and Finish
// Without Merge (which must never fail because a forge cannot be read).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(originUrl?: string): Promise<{ repo: TempRepo; candidate: string; ticket: TicketRow }> {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const candidate = await commitOnBranch(
    repo,
    'AUTH-1',
    { 'feature.js': 'export const feature = 1;\n' },
    'AUTH-1: add the feature',
  );
  if (originUrl) repo.git('remote', 'set-url', 'origin', originUrl);
  return { repo, candidate, ticket: ticketRow({ worktreePath: repo.dir }) };
}

const none = {
  githubHosts: [] as string[],
  githubApiUrl: undefined,
  githubToken: undefined,
  githubTokenEnv: undefined,
};

function delivery(repo: TempRepo, candidate: string, originUrl: string | null, path = process.env.PATH) {
  return createTicketDelivery({
    settings: none,
    clock: systemClock,
    env: { PATH: path, HOME: process.env.HOME },
    projectOf: async () => ({ folderPath: repo.dir, originUrl }),
    candidateOf: async () => candidate,
  });
}

describe('ticket delivery', () => {
  it('publishes and merges a ticket on a plain-git origin, with a receipt for the merge report', async () => {
    const { repo, candidate, ticket } = await setup();
    const origin = repo.originDir ?? '';
    const d = delivery(repo, candidate, origin);
    await d.publish(ticket, candidate, { title: 'Add the feature', body: 'b' });
    const receipt = await d.merge(ticket);
    expect(receipt).toMatchObject({
      mergedCommit: candidate,
      alreadyMerged: false,
      prState: 'merged',
      details: { provider: 'git', method: 'fast_forward', verified: true, baseBranch: 'main' },
    });
    expect(execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: origin }).toString().trim()).toBe(candidate);
  });

  // `gh` is kept off PATH so a developer's own login cannot supply a token.
  it('finishes without merge on a GitHub origin even with no token: nothing touched, the read error recorded', async () => {
    const { repo, candidate, ticket } = await setup();
    const origin = repo.originDir ?? '';
    const before = execFileSync('git', ['for-each-ref'], { cwd: origin }).toString();
    const receipt = await delivery(repo, candidate, 'git@github.com:acme/app.git', '').closeUnmerged(
      ticket,
      'not needed',
    );
    expect(receipt).toMatchObject({
      mergedCommit: null,
      prUrl: null,
      details: { reason: 'not needed', readError: { code: 'FORGE_AUTH' } },
    });
    expect(execFileSync('git', ['for-each-ref'], { cwd: origin }).toString()).toBe(before);
  });

  it('lets native hooks run only when the locked policy (or, before Start, the ticket) says use_native_hooks', () => {
    const native = { gitHookPolicy: 'use_native_hooks' };
    expect(targetOf(ticketRow({ lockedSettings: native, gitHookPolicy: null }), 'c', '/r').runNativeHooks).toBe(true);
    expect(
      targetOf(
        ticketRow({ lockedSettings: { gitHookPolicy: 'validate_required' }, gitHookPolicy: 'use_native_hooks' }),
        'c',
        '/r',
      ).runNativeHooks,
    ).toBe(false);
    expect(
      targetOf(ticketRow({ lockedSettings: null, gitHookPolicy: 'use_native_hooks' }), 'c', '/r').runNativeHooks,
    ).toBe(true);
    expect(targetOf(ticketRow({ worktreePath: null }), 'c', '/repo')).toMatchObject({
      repoDir: '/repo',
      headBranch: 'AUTH-1',
      baseBranch: 'main',
    });
  });
});
