import type { Config } from '../config.ts';

/** The GitHub repository behind a remote, and where its API answers. */
export interface GithubTarget {
  host: string;
  owner: string;
  repo: string;
  /** REST base URL; Octokit derives GraphQL from it (`…/api/v3` → `…/api/graphql`, else `<base>/graphql`). */
  apiBaseUrl: string;
}

export type GithubSettings = Pick<Config, 'githubToken' | 'githubTokenEnv' | 'githubApiUrl' | 'githubHosts'>;

/** host and `owner/repo` path of https, ssh:// and scp-like (`git@host:owner/repo.git`) remote URLs. */
export function parseRemoteUrl(url: string): { host: string; path: string } | null {
  const trimmed = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.+)$/.exec(trimmed);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
    return { host: (scp[1] ?? '').toLowerCase(), path: scp[2] ?? '' };
  try {
    const parsed = new URL(trimmed);
    if (!parsed.hostname) return null;
    return { host: parsed.hostname.toLowerCase(), path: parsed.pathname.replace(/^\/+/, '') };
  } catch {
    return null;
  }
}

/**
 * Spec README "Project origin": a GitHub remote gets GitHub's API, any other gets plain git. GitHub is github.com,
 * GitHub Enterprise Cloud with data residency (`<x>.ghe.com`, API at `api.<x>.ghe.com`), and any GitHub Enterprise
 * Server host the user lists in LOOPTROOP_GITHUB_HOSTS (API at `https://<host>/api/v3`). An unlisted self-hosted
 * host is treated as plain git: we cannot tell GitHub Enterprise from Gitea by its name, and plain git still works.
 */
export function githubTargetOf(originUrl: string | null, settings: GithubSettings): GithubTarget | null {
  if (!originUrl) return null;
  const remote = parseRemoteUrl(originUrl);
  if (!remote) return null;
  const match = /^([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(remote.path);
  if (!match) return null;
  const [owner, repo] = [match[1] ?? '', match[2] ?? ''];
  const { host } = remote;
  const api = (() => {
    if (host === 'github.com' || host === 'www.github.com') return 'https://api.github.com';
    if (host.endsWith('.ghe.com')) return `https://api.${host}`;
    if (settings.githubHosts.includes(host)) return `https://${host}/api/v3`;
    return null;
  })();
  if (!api) return null;
  return {
    host: host === 'www.github.com' ? 'github.com' : host,
    owner,
    repo,
    apiBaseUrl: settings.githubApiUrl ?? api,
  };
}
