import { DeliveryError } from './delivery-error.ts';
import { createGithubApi } from './github-api.ts';
import { type GithubSettings, githubTargetOf } from './github-target.ts';
import { resolveGithubToken } from './github-token.ts';
import type { DeliveryProviderKind } from './provider.ts';

// workflow.md §10.2 "GitHub" row, adapted to the spec README decision (any remote, or none): pre-flight asks the
// chosen provider whether it can deliver. GitHub must have a token and answer for the repository (fail otherwise);
// any other remote, or none, uses plain git, which needs nothing more, and pre-flight says so as a warning.

export interface DeliveryReadiness {
  provider: DeliveryProviderKind;
  status: 'pass' | 'warn' | 'fail';
  /** One line for the preflight report; never contains the token. */
  message: string;
  details: Record<string, unknown>;
}

export interface ReadinessInput {
  originUrl: string | null;
  settings: GithubSettings;
  /** Environment for `gh auth token` (the Deps env). */
  env?: Record<string, string | undefined>;
}

export async function checkDeliveryReadiness(input: ReadinessInput): Promise<DeliveryReadiness> {
  const github = githubTargetOf(input.originUrl, input.settings);
  if (!github) {
    return input.originUrl
      ? {
          provider: 'git',
          status: 'warn',
          message:
            'origin is not GitHub: delivery uses plain git (push the ticket branch, merge into the base branch on approval)',
          details: { originUrl: input.originUrl },
        }
      : {
          provider: 'local',
          status: 'warn',
          message:
            'no remote: delivery merges into the local base branch (or gives the command to run when it is checked out)',
          details: {},
        };
  }
  const repo = `${github.owner}/${github.repo}`;
  const details = { host: github.host, repo, apiBaseUrl: github.apiBaseUrl };
  const token = await resolveGithubToken(input.settings, github.host, input.env);
  if (!token) {
    return {
      provider: 'github',
      status: 'fail',
      message: `no GitHub token for ${github.host}: set GITHUB_TOKEN (or GH_TOKEN), or log in with \`gh auth login\``,
      details,
    };
  }
  try {
    const answer = await createGithubApi(github, token.token).repository();
    const canPush = answer.permissions?.push !== false;
    return {
      provider: 'github',
      status: canPush ? 'pass' : 'warn',
      // §10.2: the write-permission check is advisory only.
      message: canPush
        ? `GitHub ${repo} answers (token from ${token.source === 'env' ? 'the environment' : 'gh'})`
        : `GitHub ${repo} answers, but the token may not push to it`,
      details: { ...details, tokenSource: token.source, defaultBranch: answer.default_branch },
    };
  } catch (error) {
    const reason = error instanceof DeliveryError ? error.message : String(error);
    return {
      provider: 'github',
      status: 'fail',
      message: `GitHub ${repo} cannot be reached with the token: ${reason}`,
      details: { ...details, tokenSource: token.source, code: error instanceof DeliveryError ? error.code : null },
    };
  }
}
