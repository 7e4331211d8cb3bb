import { execFile } from 'node:child_process';
import type { GithubSettings } from './github-target.ts';

export interface GithubToken {
  /** Never logged, never copied into a report or an error. */
  token: string;
  source: 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh auth token';
}

/**
 * Issue 14: the token comes from GITHUB_TOKEN / GH_TOKEN (read by config.ts), else from `gh auth token` when the gh
 * CLI is installed and logged in to that host. Null when neither gives one.
 */
export async function resolveGithubToken(
  settings: GithubSettings,
  host: string,
  env?: Record<string, string | undefined>,
): Promise<GithubToken | null> {
  if (settings.githubToken) return { token: settings.githubToken, source: settings.githubTokenEnv ?? 'GITHUB_TOKEN' };
  const fromGh = await new Promise<string>((resolve) => {
    execFile('gh', ['auth', 'token', '--hostname', host], { env, timeout: 10_000 }, (error, stdout) =>
      resolve(error ? '' : stdout.trim()),
    );
  });
  return fromGh ? { token: fromGh, source: 'gh auth token' } : null;
}
