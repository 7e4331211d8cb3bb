import { createTempRepo, type GithubStandIn, startGithubStandIn } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { checkDeliveryReadiness } from './readiness.ts';
import { selectDeliveryProvider } from './select-provider.ts';

// Pre-flight's delivery facts and the provider choice. `gh` is kept off PATH so a developer's own login never
// changes the outcome; GitHub answers from the testkit stand-in (not GitHub).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const noGh = { PATH: '' };
const none = {
  githubHosts: [] as string[],
  githubApiUrl: undefined,
  githubToken: undefined,
  githubTokenEnv: undefined,
};

async function standIn(): Promise<GithubStandIn> {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const gh = await startGithubStandIn({ owner: 'acme', repo: 'app', gitDir: repo.originDir ?? '' });
  cleanups.push(gh.close);
  return gh;
}

describe('delivery readiness (pre-flight facts)', () => {
  it('GitHub with a token from the environment and a repository that answers (stand-in)', async () => {
    const gh = await standIn();
    const settings = { ...none, githubApiUrl: gh.url, githubToken: gh.token, githubTokenEnv: 'GH_TOKEN' as const };
    const origin = 'git@github.com:acme/app.git';
    const readiness = await checkDeliveryReadiness({ originUrl: origin, settings, env: noGh });
    expect(readiness).toEqual({
      provider: 'github',
      tokenSource: 'GH_TOKEN',
      repoReachable: true,
      remote: origin,
      canPush: true,
    });
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/app']);
    expect(JSON.stringify(readiness)).not.toContain(gh.token);
  });

  it('GitHub without a token (gh absent), and with a token GitHub refuses (stand-in)', async () => {
    const missing = await checkDeliveryReadiness({
      originUrl: 'https://github.com/acme/app',
      settings: none,
      env: noGh,
    });
    expect(missing).toMatchObject({ provider: 'github', tokenSource: null, repoReachable: null });

    const gh = await standIn();
    const settings = {
      ...none,
      githubApiUrl: gh.url,
      githubToken: 'wrong-token',
      githubTokenEnv: 'GITHUB_TOKEN' as const,
    };
    const refused = await checkDeliveryReadiness({ originUrl: 'https://github.com/acme/app', settings, env: noGh });
    expect(refused).toMatchObject({ tokenSource: 'GITHUB_TOKEN', repoReachable: false });
    expect(refused.error).toContain('Bad credentials');
    expect(JSON.stringify(refused)).not.toContain('wrong-token');
  });

  it('plain git for any other remote, and for none', async () => {
    const other = await checkDeliveryReadiness({ originUrl: 'git@gitea.local:acme/app.git', settings: none });
    expect(other).toEqual({
      provider: 'git',
      tokenSource: null,
      repoReachable: null,
      remote: 'git@gitea.local:acme/app.git',
    });
    expect(await checkDeliveryReadiness({ originUrl: null, settings: none })).toMatchObject({
      provider: 'git',
      remote: null,
    });
  });
});

describe('selectDeliveryProvider', () => {
  it('chooses by origin: GitHub, plain git, or local; GitHub without a token is FORGE_AUTH', async () => {
    const base = { repoRoot: '/tmp', clock: systemClock, env: noGh };
    const settings = { ...none, githubToken: 't' };
    expect((await selectDeliveryProvider({ ...base, originUrl: 'git@github.com:a/b.git', settings })).kind).toBe(
      'github',
    );
    expect((await selectDeliveryProvider({ ...base, originUrl: '/srv/git/b.git', settings })).kind).toBe('git');
    expect((await selectDeliveryProvider({ ...base, originUrl: null, settings })).kind).toBe('local');
    await expect(
      selectDeliveryProvider({ ...base, originUrl: 'git@github.com:a/b.git', settings: none }),
    ).rejects.toMatchObject({
      code: 'FORGE_AUTH',
    });
  });
});
