import { DeliveryError } from './delivery-error.ts';
import { createGithubApi } from './github-api.ts';
import { type GithubSettings, githubTargetOf } from './github-target.ts';
import { type GithubToken, resolveGithubToken } from './github-token.ts';

// workflow.md §10.2 "GitHub" row, adapted to the spec README decision (any remote, or none): pre-flight asks which
// provider will deliver and whether it can. GitHub needs a token and a repository that answers with it; any other
// remote, or none, uses plain git, which needs nothing more (pre-flight says so as a warning). These are facts;
// pre-flight (execution/preflight-checks.ts) words the pass / warn / fail.

export interface DeliveryReadiness {
  provider: 'github' | 'git';
  /** For GitHub: where the token came from; null when none was found. Never the token itself. */
  tokenSource: GithubToken['source'] | null;
  /** For GitHub: did the repository answer with that token (null when not asked)? */
  repoReachable: boolean | null;
  /** The origin URL, null without a remote. */
  remote: string | null;
  /** Why GitHub did not answer (its message, never the request). */
  error?: string;
  /** For GitHub: false when the token may not push (advisory, §10.2). */
  canPush?: boolean;
}

export interface ReadinessInput {
  originUrl: string | null;
  settings: GithubSettings;
  /** Environment for `gh auth token` (the Deps env). */
  env?: Record<string, string | undefined>;
}

export async function checkDeliveryReadiness(input: ReadinessInput): Promise<DeliveryReadiness> {
  const remote = input.originUrl;
  const github = githubTargetOf(remote, input.settings);
  if (!github) return { provider: 'git', tokenSource: null, repoReachable: null, remote };
  const token = await resolveGithubToken(input.settings, github.host, input.env);
  if (!token) return { provider: 'github', tokenSource: null, repoReachable: null, remote };
  try {
    const answer = await createGithubApi(github, token.token).repository();
    return {
      provider: 'github',
      tokenSource: token.source,
      repoReachable: true,
      remote,
      canPush: answer.permissions?.push !== false,
    };
  } catch (error) {
    const reason = error instanceof DeliveryError ? error.message : String(error);
    return { provider: 'github', tokenSource: token.source, repoReachable: false, remote, error: reason };
  }
}
