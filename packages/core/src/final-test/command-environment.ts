import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { ArtifactService } from '../artifacts/service.ts';
import { type CommandSpec, normalizeRepoPath, type ShellKind, toInvocation } from '../execution/command-spec.ts';
import { SETUP_ENV_FILE, SETUP_WRAPPER_FILE } from '../execution/env-audit.ts';
import { readStoredPlan } from '../execution/setup-plan-format.ts';
import { planArtifact } from '../execution/setup-plan-store.ts';
import { SetupProfile } from '../execution/setup-result.ts';
import { SETUP_RUNTIME_DIR } from '../execution/setup-runtime-files.ts';
import { envAssignments } from '../execution/verify-attempt.ts';
import { pathExists } from '../lib/path-exists.ts';
import type { TicketRow } from '../tickets/store.ts';

// workflow.md §10.7: the backend runs the final-test commands in the accepted setup environment — the profile's PATH
// and variables (the audited env.sh), and its `run` wrapper when the profile declares one, never applied twice.

export interface CommandEnvironment {
  /** Added to every command's environment (env.sh's explicit variables, PATH additions resolved). */
  env: Record<string, string>;
  /** Absolute path of the declared wrapper, or null when the profile declares none (or it is gone). */
  wrapper: string | null;
  /** Setup paths that never appear in the final test's file lists (§10.7) and are local-only in the audit. */
  setupRoots: string[];
  /** The host shell a plain-string command runs in (§10.3 legacy strings). */
  shell: ShellKind;
}

const ProfileView = SetupProfile.pick({ tempRoots: true, reusableArtifacts: true });

/** Read the accepted profile (`execution_setup_profile`), the approved plan's host shell and the setup files. */
export async function readCommandEnvironment(
  artifacts: ArtifactService,
  ticket: TicketRow,
  worktree: string,
  basePath: string | undefined,
): Promise<CommandEnvironment> {
  const stored = await artifacts.latest(ticket, 'execution_setup_profile');
  const profile = stored ? ProfileView.safeParse(JSON.parse(stored.content)) : null;
  const planRow = await planArtifact(artifacts, ticket);
  const plan = planRow ? readStoredPlan(planRow.content) : null;
  const declared = profile?.success
    ? profile.data.reusableArtifacts.find((a) => a.kind === 'command-wrapper')
    : undefined;
  const wrapperPath = declared ? resolve(worktree, normalizeRepoPath(declared.path) || SETUP_WRAPPER_FILE) : null;
  const envFile = join(worktree, SETUP_ENV_FILE);
  const envText = (await pathExists(envFile)) ? await readFile(envFile, 'utf8') : null;
  return {
    env: envText === null ? {} : envAssignments(envText, worktree, basePath),
    wrapper: wrapperPath && (await pathExists(wrapperPath)) ? wrapperPath : null,
    setupRoots: [
      ...new Set([SETUP_RUNTIME_DIR, ...(profile?.success ? profile.data.tempRoots : []), ...(plan?.tempRoots ?? [])]),
    ].map(normalizeRepoPath),
    shell: plan?.hostContext.preferredShell ?? 'posix',
  };
}

/** Does the command already go through the wrapper (its program, or a script's first word, is the wrapper)? */
function invokesWrapper(spec: CommandSpec, wrapper: string, worktree: string): boolean {
  const first = spec.kind === 'exec' ? spec.program : (spec.script.trim().split(/\s+/)[0] ?? '');
  const word = first.replace(/^["']|["']$/g, '');
  if (!word) return false;
  const cwd = resolve(worktree, spec.cwd);
  return (isAbsolute(word) ? word : resolve(cwd, word)) === wrapper || resolve(worktree, word) === wrapper;
}

/** The command as it runs: through the wrapper when one is declared, unless it already names it (never twice). */
export function applyWrapper(spec: CommandSpec, wrapper: string | null, worktree: string): CommandSpec {
  if (!wrapper || invokesWrapper(spec, wrapper, worktree)) return spec;
  const { file, args } = toInvocation(spec);
  return {
    kind: 'exec',
    program: wrapper,
    args: [file, ...args],
    cwd: spec.cwd,
    env: spec.env,
    timeoutSeconds: spec.timeoutSeconds,
  };
}
