import { join } from 'node:path';
import { createTempDir } from '@looptroop/testkit';
import { reviewTicketRow as ticketRow } from '@looptroop/testkit/fakes';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import { EventBus } from '../events/bus.ts';
import { systemClock } from '../lib/clock.ts';
import type { TicketRow } from '../tickets/store.ts';
import { followReviews } from './review-follow.ts';
import { createReviewWatcher } from './review-watcher.ts';

// The watcher follows the state changes on a real event bus (libSQL file): into review → watched; out → not.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('followReviews', () => {
  it('watches tickets entering WAITING_PR_REVIEW (and those already there) and stops when they leave', async () => {
    const dir = await createTempDir('lt-follow-');
    cleanups.push(dir.cleanup);
    const opened = await openDb(`file:${join(dir.dir, 'lt.db')}`);
    cleanups.push(async () => opened.close());
    const events = new EventBus(opened.db, systemClock);
    const rows = new Map<string, TicketRow>([
      ['AUTH-1', ticketRow({ id: 1, externalId: 'AUTH-1', status: 'CREATING_PULL_REQUEST' })],
      ['AUTH-2', ticketRow({ id: 2, externalId: 'AUTH-2', status: 'WAITING_PR_REVIEW' })],
    ]);
    const watcher = createReviewWatcher({
      read: async () => null,
      onMerged: async () => undefined,
      onError: () => undefined,
      intervalMs: 1_000,
    });
    const stop = await followReviews({
      events,
      watcher,
      resolve: async (ref) => rows.get(ref) ?? null,
      inReview: async () => [...rows.values()].filter((r) => r.status === 'WAITING_PR_REVIEW'),
      onError: (error) => {
        throw error;
      },
    });
    cleanups.push(async () => stop());
    expect(watcher.isWatching(2)).toBe(true);
    expect(watcher.isWatching(1)).toBe(false);

    rows.set('AUTH-1', ticketRow({ id: 1, externalId: 'AUTH-1', status: 'WAITING_PR_REVIEW' }));
    await events.publish('state_change', {
      ticketId: 'AUTH-1',
      from: 'CREATING_PULL_REQUEST',
      to: 'WAITING_PR_REVIEW',
      previousStatus: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watcher.isWatching(1)).toBe(true);

    rows.set('AUTH-1', ticketRow({ id: 1, externalId: 'AUTH-1', status: 'CLEANING_ENV' }));
    await events.publish('state_change', {
      ticketId: 'AUTH-1',
      from: 'WAITING_PR_REVIEW',
      to: 'CLEANING_ENV',
      previousStatus: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watcher.isWatching(1)).toBe(false);

    stop();
    expect(watcher.isWatching(2)).toBe(false);
  });
});
