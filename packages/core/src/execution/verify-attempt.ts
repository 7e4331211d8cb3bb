import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathExists } from '../lib/path-exists.ts';
import { fromLegacy } from './command-spec.ts';
import type { ExecutionDeps } from './deps.ts';
import { auditSetupEnv, auditSetupWrapper, SETUP_ENV_FILE, SETUP_WRAPPER_FILE } from './env-audit.ts';
import { runProbe } from './probe-runner.ts';
import type { ExecutionSetupPlan } from './setup-plan-schema.ts';
import type { SetupResult } from './setup-result.ts';
import { type ProbeOutcome, type Verification, verifySetup } from './setup-verification.ts';
import { readWorktreeStatus } from './worktree-git.ts';
import { guardWorktree } from './worktree-guard.ts';

/** §10.5 step 5: run the probes and audits ourselves. */
export async function verifyAttempt(
  deps: Pick<ExecutionDeps, 'commands' | 'env'>,
  worktree: string,
  plan: ExecutionSetupPlan,
  result: SetupResult,
  signal: AbortSignal,
  deadline: number,
): Promise<{ verification: Verification; probes: ProbeOutcome[] }> {
  const shell = plan.hostContext.preferredShell;
  const wrapper = join(worktree, SETUP_WRAPPER_FILE);
  const envFile = join(worktree, SETUP_ENV_FILE);
  const envText = (await pathExists(envFile)) ? await readFile(envFile, 'utf8') : null;
  const wrapperText = (await pathExists(wrapper)) ? await readFile(wrapper, 'utf8') : null;
  const declared = result.profile.reusableArtifacts.some((a) => a.kind === 'command-wrapper');
  const probes: ProbeOutcome[] = [];
  const options = () => ({
    root: worktree,
    env: envText === null ? {} : envAssignments(envText, worktree, deps.env.PATH),
    timeoutMs: Math.max(1, deadline - Date.now()),
    signal,
  });
  const tooling = result.profile.toolingProbeCommands.map((c, i) => ({
    id: `tooling-${i + 1}`,
    kind: 'tooling' as const,
    command: fromLegacy(c, shell).spec,
  }));
  // The approved probes always run, in order; the profile may add its own after them.
  const approvedIds = new Set(plan.workspaceProbes.map((p) => p.id));
  const extra = result.profile.workspaceProbes
    .filter((p) => !p.id || !approvedIds.has(p.id))
    .map((p, i) => ({
      id: p.id ?? `profile-probe-${i + 1}`,
      kind: 'workspace' as const,
      command: fromLegacy(p.command, shell).spec,
    }));
  const workspace = [
    ...plan.workspaceProbes.map((p) => ({ id: p.id, kind: 'workspace' as const, command: p.command })),
    ...extra,
  ];
  const policy = plan.gitHooks.policy;
  const hooks =
    policy === 'validate_advisory' || policy === 'validate_required'
      ? plan.gitHooks.validationCommands.map((v) => ({ id: v.hook, kind: 'hook' as const, command: v.command }))
      : [];
  for (const probe of [...tooling, ...workspace, ...hooks]) {
    // §10.5 step 5 / §10.13: a probe must not change the worktree and a hook validation's changes are undone; the
    // guard puts back what the check changed (never what the setup left), so the audit below judges the setup alone.
    const guarded = await guardWorktree(worktree, () => runProbe(deps.commands, probe, options()));
    const outcome: ProbeOutcome = guarded.changed.length
      ? { ...guarded.value, worktreeChanges: guarded.changed, unrestored: guarded.unrestorable }
      : guarded.value;
    probes.push(outcome);
    if (probe.kind === 'workspace' && (outcome.exitCode !== 0 || outcome.timedOut)) break; // run in order, stop at the first failure
  }
  const verification = verifySetup({
    result,
    hookPolicy: policy,
    probes,
    envProblems: envText === null ? [] : auditSetupEnv(envText, worktree),
    wrapperProblems: wrapperText === null ? [] : auditSetupWrapper(wrapperText),
    undeclaredWrapper: wrapperText !== null && !declared,
    worktree: await readWorktreeStatus(worktree),
  });
  return { verification, probes };
}

/** The explicit variables of an audited env.sh, with PATH additions resolved against the worktree. */
export function envAssignments(text: string, worktree: string, path: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const value = (m[2] ?? '').trim().replace(/^["']|["']$/g, '');
    out[m[1]] = value
      .replace(/\$\{?PATH\}?/g, out.PATH ?? path ?? '')
      .replace(/\$\{?(PWD|LOOPTROOP_WORKTREE)\}?/g, worktree)
      .split(':')
      .map((e) => (e && !e.startsWith('/') && m[1] === 'PATH' ? join(worktree, e) : e))
      .join(':');
  }
  return out;
}
