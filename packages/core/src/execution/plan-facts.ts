import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { dirname, join } from 'node:path';
import type { ArtifactService } from '../artifacts/service.ts';
import { readPlan } from '../beads/plan-store.ts';
import type { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { RepoEvidence } from './command-evidence.ts';
import { detectGitHooks } from './git-hooks.ts';
import { describeHost, isOnPath, listPathExecutables } from './host-context.ts';
import type { PlanOwnership } from './setup-plan-normalize.ts';
import type { PlanFacts } from './setup-plan-rules.ts';
import { trackedFiles } from './worktree-git.ts';

// §10.3: the backend supplies host context and hook evidence, and checks command evidence against the checkout.
// Gathered fresh for each generation, each user save and each approval (§10.4 "refresh the host and hook evidence").

async function repoEvidence(worktree: string): Promise<RepoEvidence> {
  const files = new Set(await trackedFiles(worktree));
  const packageScripts = new Map<string, Set<string>>();
  for (const file of files) {
    if (file !== 'package.json' && !file.endsWith('/package.json')) continue;
    const text = await readFile(join(worktree, file), 'utf8').catch(() => '{}');
    let scripts: unknown;
    try {
      scripts = (JSON.parse(text) as { scripts?: unknown }).scripts; // read-only probe of a manifest
    } catch {
      scripts = undefined;
    }
    const names = scripts && typeof scripts === 'object' ? Object.keys(scripts) : [];
    packageScripts.set(file === 'package.json' ? '.' : dirname(file), new Set(names));
  }
  return { files, packageScripts };
}

export interface GatheredPlanFacts {
  owner: PlanOwnership;
  facts: PlanFacts;
}

export async function gatherPlanFacts(input: {
  ticket: TicketRow;
  locked: LockedSettings;
  artifacts: ArtifactService;
  env: Record<string, string | undefined>;
  /** §10.4: the hook policy may be overridden for this run only. */
  hookPolicy?: LockedSettings['gitHookPolicy'];
}): Promise<GatheredPlanFacts> {
  const worktree = input.ticket.worktreePath;
  if (!worktree) throw new Error('the ticket has no worktree');
  const platform = process.platform;
  const executables = await listPathExecutables(input.env.PATH ?? '', platform);
  const host = describeHost({
    platform,
    arch: process.arch,
    release: release(),
    wslEnv: Boolean(input.env.WSL_DISTRO_NAME || input.env.WSL_INTEROP),
    executables,
  });
  const repo = await repoEvidence(worktree);
  const plan = await readPlan(input.artifacts, input.ticket);
  return {
    owner: {
      ticketId: input.ticket.externalId,
      host,
      hooks: {
        policy: input.hookPolicy ?? input.locked.gitHookPolicy,
        detected: await detectGitHooks(worktree, repo.files, platform),
      },
    },
    facts: {
      repo,
      isLauncherAvailable: (launcher, cwd) =>
        launcher.includes('/') ? existsSync(join(worktree, cwd, launcher)) : isOnPath(launcher, executables, platform),
      beadTestCommands: (plan?.beads ?? []).flatMap((b) => b.testCommands),
    },
  };
}
