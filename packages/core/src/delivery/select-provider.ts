import type { Clock } from '../lib/clock.ts';
import { DeliveryError } from './delivery-error.ts';
import { runGit } from './git-command.ts';
import { createGithubProvider } from './github-provider.ts';
import { type GithubSettings, githubTargetOf } from './github-target.ts';
import { resolveGithubToken } from './github-token.ts';
import { createLocalProvider } from './local-provider.ts';
import { createPlainGitProvider } from './plain-git-provider.ts';
import type { DeliveryProvider } from './provider.ts';

export interface SelectProviderInput {
  /** The project's repository root (the user's checkout). */
  repoRoot: string;
  /** The project's `origin` URL, null without a remote. */
  originUrl: string | null;
  settings: GithubSettings;
  clock: Clock;
  env?: Record<string, string | undefined>;
}

/** The remote LoopTroop delivers to; the project's origin (spec README "Project origin"). */
export const DELIVERY_REMOTE = 'origin';

/**
 * Spec README "Project origin": GitHub remotes get the GitHub provider, any other remote plain git, no remote the
 * local provider. Chosen again for every delivery step, so a token added after a failure is picked up by Retry.
 */
export async function selectDeliveryProvider(input: SelectProviderInput): Promise<DeliveryProvider> {
  const { clock, env } = input;
  if (!input.originUrl) return createLocalProvider({ repoRoot: input.repoRoot, clock });
  const github = githubTargetOf(input.originUrl, input.settings);
  if (!github) return createPlainGitProvider({ remote: DELIVERY_REMOTE, remoteUrl: input.originUrl, clock, env });
  const token = await resolveGithubToken(input.settings, github.host, env);
  if (!token) {
    throw new DeliveryError(
      'FORGE_AUTH',
      `No GitHub token for ${github.host}: set GITHUB_TOKEN (or GH_TOKEN), or log in with \`gh auth login\`, then retry.`,
      { host: github.host, repo: `${github.owner}/${github.repo}` },
    );
  }
  return createGithubProvider({ target: github, token: token.token, remote: DELIVERY_REMOTE, clock, env });
}

/** The project's `origin` URL as git has it now (a remote added or removed after attaching counts); null without. */
export async function originUrlOf(repoRoot: string): Promise<string | null> {
  const result = await runGit(repoRoot, ['remote', 'get-url', 'origin']);
  return result.code === 0 && result.stdout.trim() ? result.stdout.trim() : null;
}
