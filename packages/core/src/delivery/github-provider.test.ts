import { execFileSync } from 'node:child_process';
import {
  commitOnBranch,
  createTempRepo,
  type GithubStandIn,
  startGithubStandIn,
  type TempRepo,
} from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { DeliveryError } from './delivery-error.ts';
import { createGithubProvider } from './github-provider.ts';
import { watchForHandMerge } from './merge-watch.ts';
import type { DeliveryTarget } from './provider.ts';

// The GitHub provider against the testkit's local HTTP stand-in of the GitHub endpoints it uses: a real git repo,
// a bare `origin` that the stand-in serves as the GitHub repository, and its request log asserted. Not GitHub.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Setup {
  repo: TempRepo;
  origin: string;
  gh: GithubStandIn;
  target: DeliveryTarget;
}

async function setup(): Promise<Setup> {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const origin = repo.originDir ?? '';
  const candidateSha = await commitOnBranch(
    repo,
    'AUTH-1',
    { 'feature.js': 'export const feature = 1;\n' },
    'AUTH-1: add the feature',
  );
  const gh = await startGithubStandIn({ owner: 'acme', repo: 'app', gitDir: origin, token: 'tok-secret-123' });
  cleanups.push(gh.close);
  return { repo, origin, gh, target: { repoDir: repo.dir, headBranch: 'AUTH-1', baseBranch: 'main', candidateSha } };
}

const provider = (gh: GithubStandIn, token = gh.token) =>
  createGithubProvider({
    target: { host: '127.0.0.1', owner: 'acme', repo: 'app', apiBaseUrl: gh.url },
    token,
    remote: 'origin',
    clock: systemClock,
    verifyAttempts: 2,
    verifyDelayMs: 10,
  });

const calls = (gh: GithubStandIn) => gh.requests.map((r) => `${r.method} ${r.path}`);
const originContains = (origin: string, sha: string) => {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', sha, 'refs/heads/main'], { cwd: origin, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

describe('GitHub delivery against the stand-in', () => {
  it('publishes: pushes the branch and opens a draft PR; publishing again updates it, never a second PR (stand-in)', async () => {
    const { origin, gh, target } = await setup();
    const first = await provider(gh).publish(target, { title: 'Add the feature', body: 'First body' });
    expect(execFileSync('git', ['rev-parse', 'refs/heads/AUTH-1'], { cwd: origin }).toString().trim()).toBe(
      target.candidateSha,
    );
    expect(first).toMatchObject({
      provider: 'github',
      number: 1,
      state: 'draft',
      headSha: target.candidateSha,
      title: 'Add the feature',
    });
    expect(first.url).toBe(`${gh.url}/acme/app/pull/1`);
    expect(calls(gh)).toEqual(['GET /repos/acme/app/pulls', 'POST /repos/acme/app/pulls']);
    expect(gh.requests[0]?.query).toMatchObject({ head: 'acme:AUTH-1', state: 'all' });
    expect(gh.requests[1]?.body).toMatchObject({ head: 'AUTH-1', base: 'main', draft: true, title: 'Add the feature' });

    const second = await provider(gh).publish(
      target,
      { title: 'Better title', body: 'Second body' },
      { refetch: true },
    );
    expect(second).toMatchObject({ number: 1, title: 'Better title', body: 'Second body', state: 'draft' });
    expect(calls(gh).slice(2)).toEqual(['GET /repos/acme/app/pulls', 'PATCH /repos/acme/app/pulls/1']);
    expect(gh.pulls).toHaveLength(1);
    expect(gh.requests.every((r) => r.authorized)).toBe(true);
  });

  it('merges: marks the draft ready over GraphQL, merges at the candidate sha, verifies the base (stand-in)', async () => {
    const { origin, gh, target } = await setup();
    await provider(gh).publish(target, { title: 't', body: 'b' });
    gh.requests.length = 0;

    const result = await provider(gh).merge(target);
    expect(result).toMatchObject({ alreadyMerged: false, method: 'forge', verified: true });
    expect(result.record).toMatchObject({ state: 'merged', number: 1 });
    expect(calls(gh)).toEqual([
      'GET /repos/acme/app/pulls',
      'POST /graphql',
      'PUT /repos/acme/app/pulls/1/merge',
      'GET /repos/acme/app/pulls/1',
      `GET /repos/acme/app/compare/main...${target.candidateSha}`,
      'GET /repos/acme/app/branches/main',
    ]);
    expect(gh.requests[1]?.body).toMatchObject({ variables: { pullRequestId: 'PR_standin_1' } });
    expect(gh.requests[2]?.body).toMatchObject({ sha: target.candidateSha, merge_method: 'merge' });
    expect(originContains(origin, target.candidateSha)).toBe(true);
    expect(result.baseSha).toBe(
      execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: origin }).toString().trim(),
    );
  });

  it('picks up a PR merged by hand by polling, then merges nothing and still verifies (stand-in)', async () => {
    const { origin, gh, target } = await setup();
    await provider(gh).publish(target, { title: 't', body: 'b' });
    const controller = new AbortController();
    const watching = watchForHandMerge(() => provider(gh).read(target), { intervalMs: 20, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 60));
    gh.mergeByHand(1);
    expect((await watching)?.state).toBe('merged');

    gh.requests.length = 0;
    const result = await provider(gh).merge(target);
    expect(result).toMatchObject({ alreadyMerged: true, method: 'none', verified: true });
    expect(calls(gh).some((c) => c.endsWith('/merge'))).toBe(false);
    expect(calls(gh).some((c) => c.includes('/compare/'))).toBe(true);
    expect(originContains(origin, target.candidateSha)).toBe(true);
  });

  it('a failed merge call leaves the PR open; Retry re-reads GitHub and merges once (stand-in)', async () => {
    const { origin, gh, target } = await setup();
    await provider(gh).publish(target, { title: 't', body: 'b' });
    gh.failNext('PUT', /\/merge$/, 502, 'Server Error');
    const error = await provider(gh)
      .merge(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).code).toBe('FORGE_UNAVAILABLE');
    expect(originContains(origin, target.candidateSha)).toBe(false);

    gh.requests.length = 0;
    await provider(gh).merge(target);
    expect(calls(gh)[0]).toBe('GET /repos/acme/app/pulls');
    expect(calls(gh).filter((c) => c.endsWith('/merge'))).toHaveLength(1);
    expect(originContains(origin, target.candidateSha)).toBe(true);
  });

  it('refuses to merge a PR whose head is no longer the candidate (stand-in)', async () => {
    const { repo, gh, target } = await setup();
    await provider(gh).publish(target, { title: 't', body: 'b' });
    repo.git('push', '-q', '--force', 'origin', 'main:refs/heads/AUTH-1');
    const error = await provider(gh)
      .merge(target)
      .catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('HEAD_MOVED');
    expect(calls(gh).some((c) => c.endsWith('/merge'))).toBe(false);
  });

  it('reports refused credentials as FORGE_AUTH without the token in the error (stand-in)', async () => {
    const { gh, target } = await setup();
    const error = await provider(gh, 'wrong-token-456')
      .read(target)
      .catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('FORGE_AUTH');
    const text = JSON.stringify({ message: (error as Error).message, details: (error as DeliveryError).details });
    expect(text).not.toContain('wrong-token-456');
    expect(gh.requests[0]?.authorized).toBe(false);
  });

  it('reopens a PR closed on GitHub when publishing again, never a second one; merge refuses a closed PR (stand-in)', async () => {
    const { gh, target } = await setup();
    await provider(gh).publish(target, { title: 't', body: 'b' });
    const pull = gh.pulls[0];
    if (pull) pull.state = 'closed';
    const error = await provider(gh)
      .merge(target)
      .catch((e: unknown) => e);
    expect((error as DeliveryError).code).toBe('PR_CLOSED');

    gh.requests.length = 0;
    const again = await provider(gh).publish(target, { title: 't2', body: 'b2' });
    expect(again).toMatchObject({ number: 1, state: 'draft', title: 't2' });
    expect(gh.pulls).toHaveLength(1);
    expect(gh.requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ state: 'open', title: 't2' });
  });
});
