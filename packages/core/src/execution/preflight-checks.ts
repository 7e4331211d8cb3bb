import { z } from 'zod';
import { checkPlan, type GraphBead, runnableBeads, type SchedulableBead } from '../beads/graph.ts';
import { classifyUntracked, type UntrackedNoise } from './worktree-status.ts';

// workflow.md §10.2: PRE_FLIGHT_CHECK is a deterministic doctor. Each check is a pure function of gathered facts,
// so the report says exactly what was seen; fail blocks, warn is recorded only.

export const PreflightCheck = z.object({
  id: z.string(),
  area: z.enum(['opencode', 'artifacts', 'graph', 'git', 'delivery', 'concurrency']),
  status: z.enum(['pass', 'warn', 'fail']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheck>;

export interface PreflightFacts {
  opencode: { healthy: boolean; version: string | null; error?: string };
  model: { id: string; variant: string | null; available: boolean };
  /** The capability probe (§10.2): null when it was not run (OpenCode unhealthy or the model missing). */
  probe: {
    reply: string | null;
    error: string | null;
    sessionAttempts: number;
    /** Why the probe's session could not be deleted afterwards (null or absent: torn down, or none was created). */
    teardownError?: string | null;
  } | null;
  workspace: { exists: boolean; writable: boolean };
  artifacts: { relevantFiles: boolean; interview: boolean; prd: boolean; beads: boolean; beadsApproved: boolean };
  beads: (GraphBead & SchedulableBead)[];
  git: {
    worktreeExists: boolean;
    /** The branch HEAD is on; null when detached. */
    branch: string | null;
    /** Tracked changes (staged or not) and untracked paths, from `git status`. */
    changed: string[];
    untracked: string[];
  };
  delivery: DeliveryReadiness;
  band: { holder: string | null; message: string | null };
  maxIterations: number;
}

/** The delivery provider's own readiness (issue 12 replaces LoopTroop's "gh installed" check). */
export interface DeliveryReadiness {
  provider: 'github' | 'git';
  /** For GitHub: where the token came from; null when none was found. */
  tokenSource: 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh auth token' | null;
  /** For GitHub: did the repository answer with that token (null when not asked)? */
  repoReachable: boolean | null;
  remote: string | null;
  error?: string;
}

const pass = (c: Omit<PreflightCheck, 'status'>): PreflightCheck => ({ ...c, status: 'pass' });
const warn = (c: Omit<PreflightCheck, 'status'>): PreflightCheck => ({ ...c, status: 'warn' });
const fail = (c: Omit<PreflightCheck, 'status'>): PreflightCheck => ({ ...c, status: 'fail' });
const check = (ok: boolean, c: Omit<PreflightCheck, 'status'>, failure: string) =>
  ok ? pass(c) : fail({ ...c, message: failure });

function opencodeChecks(f: PreflightFacts): PreflightCheck[] {
  const out = [
    check(
      f.opencode.healthy,
      {
        id: 'opencode_healthy',
        area: 'opencode',
        message: `OpenCode is healthy (${f.opencode.version ?? 'unknown version'})`,
      },
      `OpenCode is not reachable${f.opencode.error ? `: ${f.opencode.error}` : ''}`,
    ),
    check(
      f.model.available,
      {
        id: 'main_implementer_available',
        area: 'opencode',
        message: `The main implementer ${f.model.id} is available`,
      },
      `The locked main implementer ${f.model.id} is not available in OpenCode`,
    ),
  ];
  const probe = f.probe;
  if (!probe)
    return [...out, fail({ id: 'capability_probe', area: 'opencode', message: 'The capability probe could not run' })];
  const ok = probe.reply?.trim() === 'OK';
  return [
    ...out,
    check(
      ok,
      {
        id: 'capability_probe',
        area: 'opencode',
        message: 'The capability probe answered OK',
        details: { sessionAttempts: probe.sessionAttempts },
      },
      probe.error
        ? `The capability probe failed: ${probe.error}`
        : `The capability probe must answer exactly OK; it answered ${JSON.stringify((probe.reply ?? '').slice(0, 200))}`,
    ),
    // A session left behind is clutter in OpenCode, not a reason to stop the ticket.
    ...(probe.teardownError
      ? [
          warn({
            id: 'capability_probe_teardown',
            area: 'opencode',
            message: `The capability probe's session could not be deleted: ${probe.teardownError}`,
          }),
        ]
      : []),
  ];
}

function artifactChecks(f: PreflightFacts): PreflightCheck[] {
  const a = f.artifacts;
  return [
    check(
      f.workspace.exists && f.workspace.writable,
      { id: 'workspace', area: 'artifacts', message: 'The ticket workspace exists and is writable' },
      f.workspace.exists ? 'The ticket workspace is not writable' : 'The ticket workspace does not exist',
    ),
    a.relevantFiles
      ? pass({ id: 'relevant_files', area: 'artifacts', message: 'relevant-files.yaml is present' })
      : warn({
          id: 'relevant_files',
          area: 'artifacts',
          message: 'relevant-files.yaml is missing (coding gets less context)',
        }),
    check(
      a.interview,
      { id: 'interview', area: 'artifacts', message: 'The interview is present' },
      'The interview is missing',
    ),
    check(a.prd, { id: 'prd', area: 'artifacts', message: 'The PRD is present' }, 'The PRD is missing'),
    check(
      a.beads && f.beads.length > 0,
      { id: 'beads', area: 'artifacts', message: `The bead plan has ${f.beads.length} beads` },
      a.beads ? 'The bead plan has no beads' : 'The bead plan is missing',
    ),
    check(
      a.beadsApproved,
      { id: 'beads_approval', area: 'artifacts', message: 'The bead plan approval receipt is present' },
      'The bead plan has no approval receipt',
    ),
  ];
}

function graphChecks(f: PreflightFacts): PreflightCheck[] {
  if (!f.beads.length) return [];
  // §10.2 checks the dependency graph only (ids and blocked_by); plan-content rules were checked at approval.
  const issues = checkPlan(f.beads).filter((i) => i.field === 'id' || i.field === 'dependencies.blocked_by');
  const runnable = runnableBeads(f.beads);
  return [
    check(
      issues.length === 0,
      {
        id: 'dependency_graph',
        area: 'graph',
        message: 'The dependency graph is sound (no dangling, self or duplicate ids, no cycles)',
      },
      `The dependency graph is broken: ${issues.map((i) => i.message).join('; ')}`,
    ),
    check(
      runnable.length > 0,
      {
        id: 'runnable_bead',
        area: 'graph',
        message: `${runnable.length} bead(s) can run now (first: ${runnable[0]?.id})`,
      },
      'No bead can run now: every pending bead waits for another',
    ),
  ];
}

function gitChecks(f: PreflightFacts): PreflightCheck[] {
  const g = f.git;
  if (!g.worktreeExists) return [fail({ id: 'worktree', area: 'git', message: 'The ticket worktree does not exist' })];
  const { noise, other } = classifyUntracked(g.untracked);
  const committable = [...g.changed, ...other];
  const out = [
    check(
      g.branch !== null,
      { id: 'worktree', area: 'git', message: `The worktree is on branch ${g.branch}` },
      'The worktree is not on a branch (detached HEAD)',
    ),
    check(
      committable.length === 0,
      { id: 'clean_worktree', area: 'git', message: 'The worktree has no committable changes' },
      `The worktree has committable changes that would leak into bead commits: ${committable.slice(0, 20).join(', ')}${committable.length > 20 ? ' …' : ''}`,
    ),
  ];
  if (committable.length) {
    const last = out.at(-1);
    if (last) last.details = { paths: committable };
  }
  if (noise.length) out.push(noiseWarning(noise));
  return out;
}

function noiseWarning(noise: UntrackedNoise[]): PreflightCheck {
  const lines = [...new Set(noise.map((n) => n.suggestion))];
  return warn({
    id: 'untracked_noise',
    area: 'git',
    message: `Untracked generated or local files (${noise.length}); consider adding to .gitignore: ${lines.join(' ')}`,
    details: { paths: noise.map((n) => n.path), suggestedGitignore: lines },
  });
}

function deliveryChecks(f: PreflightFacts): PreflightCheck[] {
  const d = f.delivery;
  if (d.provider === 'git')
    return [
      warn({
        id: 'delivery',
        area: 'delivery',
        message: d.remote
          ? `origin (${d.remote}) is not GitHub: delivery pushes the branch with plain git and merges on approval`
          : 'The project has no origin remote: delivery stays local (plain git merge on approval)',
        details: { provider: 'git', remote: d.remote },
      }),
    ];
  if (!d.tokenSource)
    return [
      fail({
        id: 'delivery',
        area: 'delivery',
        message: 'origin is on GitHub but no token is available: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`',
        details: { provider: 'github', remote: d.remote },
      }),
    ];
  return [
    check(
      d.repoReachable === true,
      {
        id: 'delivery',
        area: 'delivery',
        message: `GitHub answers for ${d.remote} (token from ${d.tokenSource})`,
        details: { provider: 'github', tokenSource: d.tokenSource },
      },
      `GitHub did not answer for ${d.remote} with the token from ${d.tokenSource}${d.error ? `: ${d.error}` : ''}`,
    ),
  ];
}

function concurrencyChecks(f: PreflightFacts): PreflightCheck[] {
  return [
    check(
      f.band.holder === null,
      { id: 'execution_band', area: 'concurrency', message: 'No other ticket of the project is in the execution band' },
      f.band.message ?? `${f.band.holder} already holds the execution band of this project`,
    ),
    check(
      Number.isInteger(f.maxIterations) && f.maxIterations >= 1,
      { id: 'max_iterations', area: 'concurrency', message: `maxIterations is ${f.maxIterations}` },
      `maxIterations must be at least 1 to run beads (it is ${f.maxIterations})`,
    ),
  ];
}

/** Every §10.2 check, in report order. */
export function runPreflightChecks(facts: PreflightFacts): PreflightCheck[] {
  return [
    ...opencodeChecks(facts),
    ...artifactChecks(facts),
    ...graphChecks(facts),
    ...gitChecks(facts),
    ...deliveryChecks(facts),
    ...concurrencyChecks(facts),
  ];
}
