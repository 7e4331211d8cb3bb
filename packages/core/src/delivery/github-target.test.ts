import { describe, expect, it } from 'vitest';
import { githubTargetOf } from './github-target.ts';

const settings = {
  githubHosts: ['git.corp.example'],
  githubApiUrl: undefined,
  githubToken: undefined,
  githubTokenEnv: undefined,
};

describe('githubTargetOf: which remotes are GitHub, and where their API answers', () => {
  it.each([
    ['https://github.com/acme/app.git', { owner: 'acme', repo: 'app', apiBaseUrl: 'https://api.github.com' }],
    ['https://user@github.com/acme/app', { owner: 'acme', repo: 'app', apiBaseUrl: 'https://api.github.com' }],
    ['git@github.com:acme/app.git', { owner: 'acme', repo: 'app', apiBaseUrl: 'https://api.github.com' }],
    ['ssh://git@github.com/acme/app.git', { owner: 'acme', repo: 'app', apiBaseUrl: 'https://api.github.com' }],
    ['https://octo.ghe.com/acme/app.git', { host: 'octo.ghe.com', apiBaseUrl: 'https://api.octo.ghe.com' }],
    [
      'git@git.corp.example:team/svc.git',
      { owner: 'team', repo: 'svc', apiBaseUrl: 'https://git.corp.example/api/v3' },
    ],
  ])('%s is GitHub', (url, expected) => {
    expect(githubTargetOf(url, settings)).toMatchObject(expected);
  });

  it.each([
    ['https://gitlab.com/acme/app.git'],
    ['git@gitea.local:acme/app.git'],
    ['/srv/git/app.git'],
    ['file:///srv/git/app.git'],
    ['https://github.com/acme'],
  ])('%s is not GitHub (plain git)', (url) => {
    expect(githubTargetOf(url, settings)).toBeNull();
  });

  it('uses the configured API URL (a stand-in or an unusual Enterprise address) for GitHub remotes', () => {
    const target = githubTargetOf('git@github.com:acme/app.git', {
      ...settings,
      githubApiUrl: 'http://127.0.0.1:9999',
    });
    expect(target?.apiBaseUrl).toBe('http://127.0.0.1:9999');
  });
});
