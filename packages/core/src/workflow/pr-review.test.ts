import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeRuntime } from '@looptroop/testkit/fakes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.ts';
import { type Core, createCore } from '../context.ts';
import { ticketStatusHistory, tickets } from '../db/schema.ts';
import { DeliveryError } from '../delivery/delivery-error.ts';
import type { Delivery, DeliveryReceipt } from '../delivery/port.ts';
import { conflict } from '../errors.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { WorkflowService } from './service.ts';

// The PR review actions (workflow.md §10.11) through createCore: the real workflow service, a real libSQL file and a
// real git repo; only the delivery port is swapped (Deps.delivery), the way a real delivery provider plugs in.

const unused = async (): Promise<never> => {
  throw new Error('not used by these tests');
};

interface FakeDelivery extends Delivery {
  calls: { action: 'merge' | 'closeUnmerged'; ticketId: string; reason?: string | null }[];
  next: () => Promise<DeliveryReceipt>;
}

function fakeDelivery(): FakeDelivery {
  const fake: FakeDelivery = {
    calls: [],
    next: async () => ({ prUrl: 'https://github.com/acme/app/pull/7', prNumber: 7, mergedCommit: 'abc123' }),
    publish: unused,
    read: unused,
    async merge(ticket) {
      fake.calls.push({ action: 'merge', ticketId: ticket.externalId });
      return fake.next();
    },
    async closeUnmerged(ticket, reason) {
      fake.calls.push({ action: 'closeUnmerged', ticketId: ticket.externalId, reason });
      return fake.next();
    },
  };
  return fake;
}

describe('PR review actions with an injected delivery', () => {
  let dir: string;
  let config: Config;
  let core: Core;
  let withoutDelivery: Core;
  let projectId: number;
  let delivery: FakeDelivery;
  let workflow: WorkflowService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-review-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'pipe' });
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    await writeFile(join(repo, 'README.md'), '# sample\n');
    git('add', '.');
    git('commit', '-qm', 'initial');
    config = loadConfig({ LOOPTROOP_HOME: join(dir, 'data'), NODE_ENV: 'test' });
    delivery = fakeDelivery();
    core = await createCore(config, { runtime: fakeRuntime(), delivery });
    projectId = (await core.services.projects.attach({ name: 'Sample', shortname: 'SMP', folderPath: repo })).id;
    workflow = core.services.workflow;
    // The default delivery (the provider the repo's origin picks) through a second core on the same data.
    withoutDelivery = await createCore(config, { runtime: fakeRuntime() });
  });
  afterAll(async () => {
    await withoutDelivery.close();
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A ticket sitting in WAITING_PR_REVIEW (the statuses before it are not built yet). */
  async function ticketInReview(status: TicketRow['status'] = 'WAITING_PR_REVIEW'): Promise<TicketRow> {
    const created = await core.services.tickets.create({ projectId, title: 'Ship it' });
    await core.db
      .update(tickets)
      .set({ status, previousStatus: 'CREATING_PULL_REQUEST' })
      .where(eq(tickets.externalId, created.id));
    return core.services.tickets.resolve(created.id);
  }

  const mergeReports = async (row: TicketRow) =>
    (await core.services.artifacts.list(row, { artifactType: 'merge_report' })).map((a) => JSON.parse(a.content));

  const history = (row: TicketRow) =>
    core.db.select().from(ticketStatusHistory).where(eq(ticketStatusHistory.ticketId, row.id));

  it('merges through the delivery, writes the merge report, then applies MERGE_COMPLETE', async () => {
    const row = await ticketInReview();
    const done = await workflow.merge(row.externalId);
    expect(done).toMatchObject({ message: 'Pull request merged', status: 'CLEANING_ENV' });
    expect(delivery.calls.at(-1)).toEqual({ action: 'merge', ticketId: row.externalId });
    const [report] = await mergeReports(row);
    expect(report).toMatchObject({
      outcome: 'merged',
      reason: null,
      delivery: { prUrl: 'https://github.com/acme/app/pull/7', prNumber: 7, mergedCommit: 'abc123' },
    });
    expect((await history(row)).map((h) => [h.event, h.toStatus])).toContainEqual(['MERGE_COMPLETE', 'CLEANING_ENV']);
    await core.services.runner.idle(row.id);
  });

  it('finishes without merge with the trimmed reason in the report and CLOSE_UNMERGED_COMPLETE', async () => {
    const row = await ticketInReview();
    const done = await workflow.closeUnmerged(row.externalId, '  superseded by SMP-9  ');
    expect(done.status).toBe('CLEANING_ENV');
    expect(delivery.calls.at(-1)).toEqual({
      action: 'closeUnmerged',
      ticketId: row.externalId,
      reason: 'superseded by SMP-9',
    });
    const [report] = await mergeReports(row);
    expect(report).toMatchObject({ outcome: 'closed_unmerged', reason: 'superseded by SMP-9' });
    expect((await history(row)).map((h) => h.event)).toContain('CLOSE_UNMERGED_COMPLETE');
    await core.services.runner.idle(row.id);
  });

  it('records nothing and stays in review when the delivery refuses', async () => {
    const row = await ticketInReview();
    delivery.next = async () => {
      throw conflict('GitHub says the PR has conflicts');
    };
    await expect(workflow.merge(row.externalId)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'GitHub says the PR has conflicts',
    });
    expect((await core.services.tickets.get(row.externalId)).status).toBe('WAITING_PR_REVIEW');
    expect(await mergeReports(row)).toEqual([]);
    delivery.next = fakeDelivery().next;
  });

  it('blocks with the delivery code when the remote fails (issue 14: never a silent success), recording no report', async () => {
    const row = await ticketInReview();
    delivery.next = async () => {
      throw new DeliveryError('REMOTE_MOVED', 'Someone else pushed to main', { branch: 'main' });
    };
    const done = await workflow.merge(row.externalId);
    expect(done).toMatchObject({ message: 'Merge failed', status: 'BLOCKED_ERROR' });
    const blocked = await core.services.tickets.get(row.externalId);
    expect(blocked).toMatchObject({
      status: 'BLOCKED_ERROR',
      previousStatus: 'WAITING_PR_REVIEW',
      errorCodes: ['REMOTE_MOVED'],
    });
    expect(await mergeReports(row)).toEqual([]);
    delivery.next = fakeDelivery().next;
  });

  it('refuses outside WAITING_PR_REVIEW, naming the status, without calling the delivery', async () => {
    const row = await ticketInReview('CODING');
    const before = delivery.calls.length;
    await expect(workflow.merge(row.externalId)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('CODING'),
      details: { status: 'CODING', expected: 'WAITING_PR_REVIEW' },
    });
    await expect(workflow.closeUnmerged(row.externalId)).rejects.toMatchObject({ kind: 'conflict' });
    expect(delivery.calls.length).toBe(before);
  });

  it('lets only one delivery call run per ticket', async () => {
    const row = await ticketInReview();
    let release: (receipt: DeliveryReceipt) => void = () => undefined;
    delivery.next = () => new Promise((resolve) => (release = resolve));
    const first = workflow.merge(row.externalId);
    await expect(workflow.merge(row.externalId)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('already running'),
    });
    await expect.poll(() => delivery.calls.filter((c) => c.ticketId === row.externalId).length).toBe(1);
    release({ prUrl: null });
    expect((await first).status).toBe('CLEANING_ENV');
    delivery.next = fakeDelivery().next;
    await core.services.runner.idle(row.id);
  });

  it('the default delivery answers 409 while nothing was published, and Finish Without Merge still finishes', async () => {
    const row = await ticketInReview();
    await expect(withoutDelivery.services.workflow.merge(row.externalId)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('No pull request was published'),
    });
    expect((await core.services.tickets.get(row.externalId)).status).toBe('WAITING_PR_REVIEW');
    expect(await mergeReports(row)).toEqual([]);
    const closed = await withoutDelivery.services.workflow.closeUnmerged(row.externalId, 'no');
    expect(closed.status).toBe('CLEANING_ENV');
    expect((await mergeReports(row))[0]).toMatchObject({
      outcome: 'closed_unmerged',
      reason: 'no',
      delivery: { prUrl: null },
    });
    await withoutDelivery.services.runner.idle(row.id);
  });
});
