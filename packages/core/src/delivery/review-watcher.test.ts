import { commitOnBranch, createTempRepo, startGithubStandIn } from '@looptroop/testkit';
import { reviewTicketRow as ticketRow } from '@looptroop/testkit/fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { PullRequestRecord } from './provider.ts';
import { createReviewWatcher } from './review-watcher.ts';
import { createTicketDelivery, type TicketDeliveryReceipt } from './ticket-delivery.ts';

// §10.11 hand merges: a ticket in review on a GitHub origin (served by the testkit stand-in, not GitHub), merged by
// a person on the "forge"; the watcher notices and the finish makes no merge call of its own.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const candidate = await commitOnBranch(
    repo,
    'AUTH-1',
    { 'feature.js': 'export const feature = 1;\n' },
    'AUTH-1: add the feature',
  );
  const gh = await startGithubStandIn({ owner: 'acme', repo: 'app', gitDir: repo.originDir ?? '' });
  cleanups.push(gh.close);
  const delivery = createTicketDelivery({
    settings: { githubHosts: [], githubApiUrl: gh.url, githubToken: gh.token, githubTokenEnv: 'GITHUB_TOKEN' },
    clock: systemClock,
    projectOf: async () => ({ folderPath: repo.dir, originUrl: 'git@github.com:acme/app.git' }),
    candidateOf: async () => candidate,
  });
  const ticket: TicketRow = ticketRow({ worktreePath: repo.dir });
  await delivery.publish(ticket, candidate, { title: 't', body: 'b' });
  return { gh, delivery, ticket, candidate };
}

describe('review watcher (stand-in)', () => {
  it('picks up a PR merged by hand and finishes without a second merge (stand-in)', async () => {
    const { gh, delivery, ticket, candidate } = await setup();
    const finished = new Promise<{ record: PullRequestRecord; receipt: TicketDeliveryReceipt }>((resolve, reject) => {
      const watcher = createReviewWatcher({
        read: (t) => delivery.read(t),
        onMerged: async (t, record) => resolve({ record, receipt: await delivery.merge(t) }),
        onError: (_t, error) => reject(error),
        intervalMs: 20,
      });
      watcher.watch(ticket);
      cleanups.push(async () => watcher.stopAll());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    gh.mergeByHand(1);
    const { record, receipt } = await finished;
    expect(record.state).toBe('merged');
    expect(receipt).toMatchObject({
      alreadyMerged: true,
      mergedCommit: candidate,
      details: { verified: true, method: 'none' },
    });
    expect(gh.requests.some((r) => r.path.endsWith('/merge'))).toBe(false);
  });

  it('a stopped watch never finishes the ticket', async () => {
    const { gh, delivery, ticket } = await setup();
    let merged = 0;
    const watcher = createReviewWatcher({
      read: (t) => delivery.read(t),
      onMerged: async () => {
        merged += 1;
      },
      onError: () => undefined,
      intervalMs: 20,
    });
    watcher.watch(ticket);
    expect(watcher.isWatching(ticket.id)).toBe(true);
    watcher.stop(ticket.id);
    gh.mergeByHand(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(merged).toBe(0);
    expect(watcher.isWatching(ticket.id)).toBe(false);
  });
});
