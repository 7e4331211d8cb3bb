import { DeliveryError, type DeliveryErrorCode } from './delivery-error.ts';
import { firstLine, type GitRunOptions, git, runGit } from './git-command.ts';

// workflow.md §10.1, §10.10: every push LoopTroop makes carries a lease, so it never overwrites a push it has not
// seen. The lease is the remote-tracking ref (what we last fetched or pushed); a Retry re-fetches first.

export interface PushOptions extends GitRunOptions {
  /** workflow.md §10.13: pre-push hooks run only under `use_native_hooks`. */
  runNativeHooks?: boolean;
}

/** The commit the remote-tracking ref `<remote>/<branch>` names, or null when we have never seen the branch. */
export async function trackingSha(repoDir: string, remote: string, branch: string): Promise<string | null> {
  const result = await runGit(repoDir, [
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/remotes/${remote}/${branch}^{commit}`,
  ]);
  return result.code === 0 && result.stdout.trim() ? result.stdout.trim() : null;
}

/** Re-read `<branch>` from the remote into its tracking ref; null (and no tracking ref) when the remote lacks it. */
export async function fetchBranch(
  repoDir: string,
  remote: string,
  branch: string,
  options: GitRunOptions = {},
): Promise<string | null> {
  const remoteSha = await lsRemoteBranch(repoDir, remote, branch, options);
  if (!remoteSha) {
    await runGit(repoDir, ['update-ref', '-d', `refs/remotes/${remote}/${branch}`]);
    return null;
  }
  const result = await runGit(
    repoDir,
    ['fetch', '--no-tags', '--quiet', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`],
    options,
  );
  if (result.code !== 0) throw pushError(result.stderr, `git fetch ${remote} ${branch}`);
  return trackingSha(repoDir, remote, branch);
}

/** The commit the remote's `<branch>` points at now, asked from the remote itself (no local state involved). */
export async function lsRemoteBranch(
  repoDir: string,
  remote: string,
  branch: string,
  options: GitRunOptions = {},
): Promise<string | null> {
  const result = await runGit(repoDir, ['ls-remote', '--heads', remote, `refs/heads/${branch}`], options);
  if (result.code !== 0) throw pushError(result.stderr, `git ls-remote ${remote}`);
  const line = result.stdout.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
  return line ? (line.split('\t')[0] ?? null) : null;
}

/**
 * Push `sha` to `<remote>/<branch>`, allowed only while the remote branch is still `expected` (null: it must not
 * exist). A refused lease, or a ref that moved under the push, is REMOTE_MOVED; other refusals are PUSH_REJECTED.
 */
export async function pushWithLease(
  repoDir: string,
  remote: string,
  sha: string,
  branch: string,
  expected: string | null,
  options: PushOptions = {},
): Promise<void> {
  const args = [
    'push',
    '--porcelain',
    ...(options.runNativeHooks ? [] : ['--no-verify']),
    `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
    remote,
    `${sha}:refs/heads/${branch}`,
  ];
  const result = await runGit(repoDir, args, options);
  if (result.code === 0) {
    // The tracking ref is our lease for the next push; keep it in step even if the remote has no fetch refspec.
    await git(repoDir, ['update-ref', `refs/remotes/${remote}/${branch}`, sha]);
    return;
  }
  throw pushError(`${result.stdout}\n${result.stderr}`, `git push ${remote} ${branch}`, { branch, expected, sha });
}

const MOVED = [
  /stale info/,
  /fetch first/,
  /non-fast-forward/,
  /failed to update ref/,
  /cannot lock ref/,
  /incorrect old value/,
];
const UNREACHABLE = [
  /could not read from remote/i,
  /unable to access/i,
  /does not appear to be a git repository/i,
  /could not resolve host/i,
  /connection (refused|timed out)/i,
];

function classify(output: string): DeliveryErrorCode {
  if (MOVED.some((pattern) => pattern.test(output))) return 'REMOTE_MOVED';
  if (/\[(remote )?rejected\]/.test(output) || /^!/m.test(output)) return 'PUSH_REJECTED';
  if (UNREACHABLE.some((pattern) => pattern.test(output))) return 'FORGE_UNAVAILABLE';
  return 'GIT_FAILED';
}

const MESSAGES: Partial<Record<DeliveryErrorCode, string>> = {
  REMOTE_MOVED:
    'Someone else pushed to the remote branch since LoopTroop last read it; nothing was overwritten. Retry re-reads the remote and tries again.',
  PUSH_REJECTED: 'The remote refused the push (permissions, a protected branch or a server hook).',
  FORGE_UNAVAILABLE: 'The remote could not be reached.',
};

function pushError(output: string, command: string, details: Record<string, unknown> = {}): DeliveryError {
  const code = classify(output);
  const reason = output
    .split('\n')
    .filter((line) => /^(!|error:|fatal:|remote:)/.test(line.trim()))
    .join('\n')
    .slice(0, 2000);
  const message = MESSAGES[code] ?? `${command} failed: ${firstLine(output)}`;
  return new DeliveryError(code, message, { command, output: reason || firstLine(output), ...details });
}

/**
 * workflow.md §10.10 step 3: force-push the candidate to `<remote>/<headBranch>` with a lease on what we last saw
 * there. `refetch` (the user's Retry after REMOTE_MOVED) re-reads the branch first, so the lease is taken on now.
 */
export async function pushCandidateBranch(
  target: { repoDir: string; headBranch: string; candidateSha: string; runNativeHooks?: boolean },
  remote: string,
  options: GitRunOptions & { refetch?: boolean } = {},
): Promise<void> {
  if (options.refetch) await fetchBranch(target.repoDir, remote, target.headBranch, options);
  const expected = await trackingSha(target.repoDir, remote, target.headBranch);
  await pushWithLease(target.repoDir, remote, target.candidateSha, target.headBranch, expected, {
    ...options,
    runNativeHooks: target.runNativeHooks,
  });
}
