import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTempDir, createTempRepo, type TempRepo } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRepoProject } from '../../test/repo-project.ts';
import { createArtifactService } from '../artifacts/service.ts';
import { openDb } from '../db/client.ts';
import { EventBus } from '../events/bus.ts';
import { createNodeFiles } from '../files/node-files.ts';
import { systemClock } from '../lib/clock.ts';
import { insertTicketWithNextNumber, type TicketRow, updateTicket } from '../tickets/store.ts';
import { applyCandidateAudit } from './candidate-audit.ts';
import { changedPaths } from './candidate-diff.ts';
import { createCleanupPhase } from './cleanup-phase.ts';
import type { PullRequestAi } from './delivery-model.ts';
import { createIntegrationPhase } from './integration-phase.ts';
import { DELIVERY_ARTIFACTS, type DeliveryPhaseContext, parseJsonObject } from './phase-context.ts';
import { createPullRequestPhase, publishedCandidate } from './pull-request-phase.ts';
import { createTicketDelivery } from './ticket-delivery.ts';

// The delivery phases in order (§10.9 → §10.10 → §10.11 merge → §10.12) on a real libSQL file, a real ticket
// worktree with bead commits and a bare origin (plain git). No model: the PR text is the deterministic fallback.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString().trim();

async function setup() {
  const repo: TempRepo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const dataDir = await createTempDir('lt-db-');
  cleanups.push(dataDir.cleanup);
  const opened = await openDb(`file:${join(dataDir.dir, 'lt.db')}`);
  cleanups.push(async () => opened.close());
  const { db } = opened;
  const now = systemClock.isoNow();
  const project = await insertRepoProject(db, repo, now);
  const created = await insertTicketWithNextNumber(db, project.id, (shortname, n) => ({
    projectId: project.id,
    externalId: `${shortname}-${n}`,
    title: 'Add the feature',
    description: 'A feature users asked for.',
    status: 'INTEGRATING_CHANGES',
    visitedStatuses: [],
    createdAt: now,
    updatedAt: now,
  }));
  if (!created) throw new Error('no ticket');
  const worktree = join(repo.dir, '.looptroop', 'worktrees', created.externalId);
  run(repo.dir, 'worktree', 'add', '-q', '-b', created.externalId, worktree, 'main');
  const write = async (path: string, content: string) => {
    await mkdir(dirname(join(worktree, path)), { recursive: true });
    await writeFile(join(worktree, path), content);
  };
  await write('.ticket/.gitignore', '*\n');
  await write('.ticket/locks/run.lock', '');
  await write('.ticket/prd.yaml', 'prd\n');
  for (const [i, file] of ['src/feature.js', 'test/feature.test.js'].entries()) {
    await write(file, `export const v${i} = ${i};\n`);
    run(worktree, 'add', file);
    run(worktree, 'commit', '-q', '-m', `bead ${i + 1}`);
  }
  const ticket = await updateTicket(db, created.id, {
    worktreePath: worktree,
    branchName: created.externalId,
    baseBranch: 'main',
  });
  if (!ticket) throw new Error('no ticket');
  const artifacts = createArtifactService(db, systemClock, new EventBus(db, systemClock), createNodeFiles());
  const delivery = createTicketDelivery({
    settings: { githubHosts: [], githubApiUrl: undefined, githubToken: undefined, githubTokenEnv: undefined },
    clock: systemClock,
    projectOf: async () => ({ folderPath: project.folderPath, originUrl: project.originUrl }),
    candidateOf: async (t: TicketRow) =>
      publishedCandidate((await artifacts.latest(t, DELIVERY_ARTIFACTS.pullRequest))?.content),
  });
  const ctx = (phaseAttempt = 1): DeliveryPhaseContext => ({
    ticket,
    project,
    phaseAttempt,
    signal: new AbortController().signal,
    locked: { mainImplementer: 'scripted/alpha', mainImplementerVariant: null, structuredRetryCount: 1 },
    settings: { councilResponseTimeout: 60 },
  });
  return { repo, origin: repo.originDir ?? '', worktree, ticket, artifacts, delivery, ctx };
}

describe('delivery phases on plain git', () => {
  it('integrates, opens the review record, merges into origin main, verifies, and cleans up', async () => {
    const { repo, origin, worktree, ticket, artifacts, delivery, ctx } = await setup();
    const localMain = run(repo.dir, 'rev-parse', 'main');

    expect(await createIntegrationPhase({ artifacts, delivery })(ctx())).toEqual({ event: 'INTEGRATION_DONE' });
    const integration = parseJsonObject((await artifacts.requireLatest(ticket, 'integration_report')).content);
    expect(integration).toMatchObject({
      squashedCommits: 2,
      candidateSource: 'all_changed_paths',
      hookPolicy: { mode: 'validate_advisory' },
    });
    const candidate = run(worktree, 'rev-parse', 'HEAD');
    expect(integration?.candidateSha).toBe(candidate);

    expect(await createPullRequestPhase({ artifacts, delivery })(ctx())).toEqual({ event: 'PULL_REQUEST_READY' });
    const pr = parseJsonObject((await artifacts.requireLatest(ticket, 'pull_request_report')).content);
    expect(pr).toMatchObject({
      candidateSha: candidate,
      draftSource: 'fallback',
      provider: 'git',
      pullRequest: { state: 'open', title: 'APP-1: Add the feature' },
    });
    expect(run(origin, 'rev-parse', 'refs/heads/APP-1')).toBe(candidate);

    const receipt = await delivery.merge(ticket);
    expect(receipt).toMatchObject({ mergedCommit: candidate, details: { method: 'fast_forward', verified: true } });
    expect(run(origin, 'rev-parse', 'refs/heads/main')).toBe(candidate);
    expect(run(repo.dir, 'rev-parse', 'main')).toBe(localMain);

    expect(await createCleanupPhase({ artifacts })(ctx())).toEqual({ event: 'CLEANUP_DONE' });
    const cleanup = parseJsonObject((await artifacts.requireLatest(ticket, 'cleanup_report')).content);
    expect(cleanup).toMatchObject({ status: 'clean', removedDirs: ['.ticket/locks'] });
    expect(cleanup?.preservedPaths).toContain('.ticket/prd.yaml');
  });

  it('an audit exclusion with evidence rebuilds the candidate; the model draft is used, a failed one falls back', async () => {
    const { origin, worktree, ticket, artifacts, delivery, ctx } = await setup();
    await createIntegrationPhase({ artifacts, delivery })(ctx());
    const ai: PullRequestAi = {
      audit: async (_ctx, diff) => ({
        audit: applyCandidateAudit(changedPaths(diff), {
          files: [{ path: 'test/feature.test.js', decision: 'exclude', evidence: 'a scratch test the agent left' }],
        }),
        attempts: [],
      }),
      draft: async () => ({ draft: { title: 'Model title', body: 'Model body' }, error: null, attempts: [] }),
    };
    await createPullRequestPhase({ artifacts, delivery, ai })(ctx());
    const pr = parseJsonObject((await artifacts.requireLatest(ticket, 'pull_request_report')).content);
    expect(pr).toMatchObject({ draftSource: 'model', pullRequest: { title: 'Model title' } });
    const candidate = run(worktree, 'rev-parse', 'HEAD');
    expect(pr?.candidateSha).toBe(candidate);
    expect(run(worktree, 'show', '--name-only', '--format=', 'HEAD')).toBe('src/feature.js');
    expect(run(origin, 'rev-parse', 'refs/heads/APP-1')).toBe(candidate);
    const audit = parseJsonObject((await artifacts.requireLatest(ticket, 'candidate_file_audit')).content);
    expect(audit).toMatchObject({ source: 'model', excluded: ['test/feature.test.js'] });
    const diff = parseJsonObject((await artifacts.requireLatest(ticket, 'candidate_diff')).content);
    expect(diff?.nameStatus).toBe('A\tsrc/feature.js');

    // Retry (attempt 2) with a draft that fails: the fallback is used and the same branch is updated, not a new one.
    const failing: PullRequestAi = {
      ...ai,
      draft: async () => ({ draft: null, error: 'the model answered nonsense', attempts: [] }),
    };
    await createPullRequestPhase({ artifacts, delivery, ai: failing })(ctx(2));
    expect(parseJsonObject((await artifacts.requireLatest(ticket, 'pull_request_report')).content)).toMatchObject({
      draftSource: 'fallback',
      draftError: 'the model answered nonsense',
      candidateSha: candidate,
    });
  });
});
