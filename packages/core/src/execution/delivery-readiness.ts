import type { CommandRunner } from '../commands/port.ts';
import { classifyRemote } from '../git/remote.ts';
import type { DeliveryReadiness } from './preflight-checks.ts';

// Issue 12: PRE_FLIGHT_CHECK asks the delivery provider whether it is ready, instead of "gh installed" (§10.2 GitHub
// row, rewritten by the spec README decision: any remote or none). GitHub needs a token and a repo that answers;
// any other remote, or none, means plain-git delivery — said in a warning, not a failure.

export async function checkDeliveryReadiness(input: {
  originUrl: string | null;
  env: Record<string, string | undefined>;
  commands: CommandRunner;
  root: string;
  signal: AbortSignal;
  fetchFn?: typeof fetch;
}): Promise<DeliveryReadiness> {
  const remote = classifyRemote(input.originUrl);
  if (remote.kind !== 'github') return { provider: 'git', tokenSource: null, repoReachable: null, remote: remote.url };
  let token: string | undefined = input.env.GITHUB_TOKEN || undefined;
  let tokenSource: DeliveryReadiness['tokenSource'] = token ? 'GITHUB_TOKEN' : null;
  if (!token && input.env.GH_TOKEN) {
    token = input.env.GH_TOKEN;
    tokenSource = 'GH_TOKEN';
  }
  if (!token) {
    // `gh` may not be installed: a command that cannot start is simply no token.
    const gh = await input.commands
      .run({
        command: { program: 'gh', args: ['auth', 'token'] },
        root: input.root,
        timeoutMs: 10_000,
        signal: input.signal,
      })
      .catch(() => null);
    const out = gh?.stdoutTail.trim() ?? '';
    if (gh?.exitCode === 0 && out && !out.includes('\n')) {
      token = out;
      tokenSource = 'gh auth token';
    }
  }
  if (!token) return { provider: 'github', tokenSource: null, repoReachable: null, remote: remote.url };
  try {
    const res = await (input.fetchFn ?? fetch)(`https://api.github.com/repos/${remote.githubRepoSlug}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' },
      signal: AbortSignal.any([input.signal, AbortSignal.timeout(10_000)]),
    });
    return {
      provider: 'github',
      tokenSource,
      repoReachable: res.ok,
      remote: remote.url,
      ...(!res.ok && { error: `HTTP ${res.status}` }),
    };
  } catch (error) {
    return {
      provider: 'github',
      tokenSource,
      repoReachable: false,
      remote: remote.url,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
