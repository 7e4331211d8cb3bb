import { createTempRepo, type GithubStandIn, startGithubStandIn } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { git as run, runUntilIdle, startDeliveryCore, ticketReadyToIntegrate } from '../../test/delivery-core.ts';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import type { Core } from '../context.ts';

// Delivery end to end through the real core (libSQL file, runner, phases, PR review actions, review watcher): a
// ticket whose final test passed goes INTEGRATING_CHANGES → CREATING_PULL_REQUEST → WAITING_PR_REVIEW → merge →
// CLEANING_ENV → COMPLETED. OpenCode is offline, so the PR text is the fallback. The origin is a real bare repo; for
// GitHub the API is the testkit stand-in (not GitHub).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const artifact = async (core: Core, ref: string, type: ArtifactTypeName) => {
  const row = await core.services.tickets.resolve(ref);
  const found = await core.services.artifacts.latest(row, type);
  return found ? JSON.parse(found.content) : null;
};

const view = async (core: Core, ref: string) =>
  core.services.pullRequests.view(await core.services.tickets.resolve(ref));

describe('delivery through the core', () => {
  it('plain git: integrates, publishes the branch, waits for review, merges into origin main, cleans up, COMPLETED', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketReadyToIntegrate(core, repo);

    expect((await runUntilIdle(core, ticket.id, ticket.ref)).status).toBe('WAITING_PR_REVIEW');
    const candidate = run(ticket.worktree, 'rev-parse', 'HEAD');
    expect(await artifact(core, ticket.ref, 'pull_request_report')).toMatchObject({
      candidateSha: candidate,
      draftSource: 'fallback',
      provider: 'git',
    });
    expect(await artifact(core, ticket.ref, 'candidate_file_audit')).toMatchObject({ source: 'unparseable' });
    expect(run(repo.originDir ?? '', 'rev-parse', `refs/heads/${ticket.ref}`)).toBe(candidate);
    // The typed view the PR route serves (web and CLI read it): record, candidate, audit, diff, Merge offered.
    expect(await view(core, ticket.ref)).toMatchObject({
      status: 'WAITING_PR_REVIEW',
      pullRequest: { provider: 'git', state: 'open', headBranch: ticket.ref, baseBranch: 'main' },
      candidateSha: candidate,
      draftSource: 'fallback',
      fileAudit: [
        { path: 'src/feature.js', decision: 'include' },
        { path: 'test/feature.test.js', decision: 'include' },
      ],
      diff: { patch: expect.stringContaining('diff --git a/src/feature.js'), truncated: false },
      merge: { available: true, reason: null, manualCommand: null },
      decision: null,
    });

    const merged = await core.services.workflow.merge(ticket.ref);
    expect(merged.status).toBe('CLEANING_ENV');
    expect((await runUntilIdle(core, ticket.id, ticket.ref)).status).toBe('COMPLETED');
    expect(run(repo.originDir ?? '', 'rev-parse', 'refs/heads/main')).toBe(candidate);
    expect(await artifact(core, ticket.ref, 'merge_report')).toMatchObject({
      outcome: 'merged',
      delivery: { mergedCommit: candidate, details: { provider: 'git', method: 'fast_forward', verified: true } },
    });
    expect(await artifact(core, ticket.ref, 'cleanup_report')).toMatchObject({ status: 'clean' });
    expect(await view(core, ticket.ref)).toMatchObject({
      status: 'COMPLETED',
      merge: null,
      decision: {
        outcome: 'merged',
        verified: true,
        alreadyMerged: false,
        mergedCommit: candidate,
        manualCommand: null,
      },
    });
  });

  it('no remote with main checked out: Merge answers 409 with the exact command, and once run by hand the merge is verified', async () => {
    const repo = await createTempRepo({ withOrigin: false });
    cleanups.push(repo.cleanup);
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketReadyToIntegrate(core, repo);
    expect((await runUntilIdle(core, ticket.id, ticket.ref)).status).toBe('WAITING_PR_REVIEW');
    const candidate = run(ticket.worktree, 'rev-parse', 'HEAD');
    const main = run(repo.dir, 'rev-parse', 'main');

    const refused = await core.services.workflow.merge(ticket.ref).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/main is checked out.* Run: git -C .* merge --ff-only/),
      details: { manualCommand: `git -C ${repo.dir} merge --ff-only ${ticket.ref}` },
    });
    expect((await core.services.tickets.get(ticket.ref)).status).toBe('WAITING_PR_REVIEW');
    expect(run(repo.dir, 'rev-parse', 'main')).toBe(main);
    expect(await artifact(core, ticket.ref, 'merge_report')).toBeNull();
    // The page and the CLI offer the command instead of Merge.
    expect((await view(core, ticket.ref)).merge).toEqual({
      available: false,
      reason: expect.stringContaining('main is checked out'),
      manualCommand: `git -C ${repo.dir} merge --ff-only ${ticket.ref}`,
    });

    run(repo.dir, 'merge', '-q', '--ff-only', ticket.ref);
    expect((await core.services.workflow.merge(ticket.ref)).status).toBe('CLEANING_ENV');
    expect(await artifact(core, ticket.ref, 'merge_report')).toMatchObject({
      outcome: 'merged',
      delivery: { mergedCommit: candidate, alreadyMerged: true, details: { provider: 'local', verified: true } },
    });
  });

  it('Finish Without Merge leaves the pushed branch and origin main exactly as they are', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    const core = await startDeliveryCore(cleanups);
    const ticket = await ticketReadyToIntegrate(core, repo);
    await runUntilIdle(core, ticket.id, ticket.ref);
    const refs = run(repo.originDir ?? '', 'for-each-ref');
    const closed = await core.services.workflow.closeUnmerged(ticket.ref, 'not needed after all');
    expect(closed.status).toBe('CLEANING_ENV');
    expect((await runUntilIdle(core, ticket.id, ticket.ref)).status).toBe('COMPLETED');
    expect(run(repo.originDir ?? '', 'for-each-ref')).toBe(refs);
    expect(await artifact(core, ticket.ref, 'merge_report')).toMatchObject({
      outcome: 'closed_unmerged',
      reason: 'not needed after all',
    });
  });

  it('GitHub (stand-in): opens a draft PR, and a merge done by hand is picked up by polling and verified (stand-in)', async () => {
    const repo = await createTempRepo();
    cleanups.push(repo.cleanup);
    // origin names GitHub; pushes go to the local bare repo the stand-in serves as that GitHub repository.
    const bare = repo.originDir ?? '';
    run(repo.dir, 'remote', 'set-url', 'origin', 'git@github.com:acme/app.git');
    run(repo.dir, 'config', 'remote.origin.pushurl', bare);
    const gh: GithubStandIn = await startGithubStandIn({ owner: 'acme', repo: 'app', gitDir: bare });
    cleanups.push(gh.close);
    const core = await startDeliveryCore(cleanups, {
      GITHUB_TOKEN: gh.token,
      LOOPTROOP_GITHUB_API_URL: gh.url,
      LOOPTROOP_REVIEW_POLL_MS: '50',
    });
    await core.recover();
    const ticket = await ticketReadyToIntegrate(core, repo);

    expect((await runUntilIdle(core, ticket.id, ticket.ref)).status).toBe('WAITING_PR_REVIEW');
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0]).toMatchObject({ draft: true, head: ticket.ref, base: 'main' });
    expect(await artifact(core, ticket.ref, 'pull_request_report')).toMatchObject({
      provider: 'github',
      pullRequest: { number: 1, state: 'draft' },
    });

    gh.mergeByHand(1);
    await expect
      .poll(async () => (await core.services.tickets.get(ticket.ref)).status, { timeout: 10_000 })
      .toBe('COMPLETED');
    expect(gh.requests.some((r) => r.path.endsWith('/merge'))).toBe(false);
    expect(await artifact(core, ticket.ref, 'merge_report')).toMatchObject({
      outcome: 'merged',
      delivery: { alreadyMerged: true, details: { provider: 'github', verified: true } },
    });
  });
});
