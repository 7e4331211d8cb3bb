import { createTempRepo, type GithubStandIn, startGithubStandIn } from '@looptroop/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { checkDeliveryReadiness } from './readiness.ts';
import { selectDeliveryProvider } from './select-provider.ts';

// Pre-flight's delivery check and the provider choice. `gh` is kept off PATH so a developer's own login never
// changes the outcome; GitHub answers from the testkit stand-in (not GitHub).

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
const noGh = { PATH: '' };
const none = { githubHosts: [] as string[], githubApiUrl: undefined, githubToken: undefined };

async function standIn(): Promise<GithubStandIn> {
  const repo = await createTempRepo();
  cleanups.push(repo.cleanup);
  const gh = await startGithubStandIn({ owner: 'acme', repo: 'app', gitDir: repo.originDir ?? '' });
  cleanups.push(gh.close);
  return gh;
}

describe('delivery readiness (pre-flight)', () => {
  it('passes for GitHub when a token is set and the repository answers (stand-in)', async () => {
    const gh = await standIn();
    const settings = { githubHosts: [], githubApiUrl: gh.url, githubToken: gh.token };
    const readiness = await checkDeliveryReadiness({ originUrl: 'git@github.com:acme/app.git', settings, env: noGh });
    expect(readiness).toMatchObject({
      provider: 'github',
      status: 'pass',
      details: { repo: 'acme/app', tokenSource: 'env' },
    });
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/app']);
    expect(JSON.stringify(readiness)).not.toContain(gh.token);
  });

  it('fails for GitHub without a token, and when the token is refused (stand-in)', async () => {
    const missing = await checkDeliveryReadiness({
      originUrl: 'https://github.com/acme/app',
      settings: none,
      env: noGh,
    });
    expect(missing).toMatchObject({ provider: 'github', status: 'fail' });
    expect(missing.message).toContain('GITHUB_TOKEN');

    const gh = await standIn();
    const settings = { githubHosts: [], githubApiUrl: gh.url, githubToken: 'wrong' };
    const refused = await checkDeliveryReadiness({ originUrl: 'https://github.com/acme/app', settings, env: noGh });
    expect(refused).toMatchObject({ status: 'fail', details: { code: 'FORGE_AUTH' } });
  });

  it('warns that plain git is used for any other remote, and for none', async () => {
    const other = await checkDeliveryReadiness({ originUrl: 'git@gitea.local:acme/app.git', settings: none });
    expect(other).toMatchObject({ provider: 'git', status: 'warn' });
    expect((await checkDeliveryReadiness({ originUrl: null, settings: none })).provider).toBe('local');
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
