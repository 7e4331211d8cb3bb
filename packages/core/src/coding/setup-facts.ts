import type { ArtifactService } from '../artifacts/service.ts';
import type { CommandSpec } from '../execution/command-spec.ts';
import { readStoredPlan } from '../execution/setup-plan-format.ts';
import { planArtifact } from '../execution/setup-plan-store.ts';
import { SetupProfile } from '../execution/setup-result.ts';
import type { LockedSettings } from '../lifecycle/settings.ts';
import type { TicketRow } from '../tickets/store.ts';

// What CODING takes from the approved workspace setup (§10.3–§10.5): the temp roots the agent may use (and that never
// enter a bead commit) and the git-hook policy of this run with its explicit validations (§10.13).

export type HookPolicy = LockedSettings['gitHookPolicy'];

export interface SetupFacts {
  tempRoots: string[];
  hookPolicy: HookPolicy;
  hookValidations: { hook: string; command: CommandSpec }[];
}

const normalizeRoot = (root: string) => root.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');

export async function readSetupFacts(
  artifacts: ArtifactService,
  ticket: TicketRow,
  locked: LockedSettings,
): Promise<SetupFacts> {
  const stored = await planArtifact(artifacts, ticket);
  const plan = stored ? readStoredPlan(stored.content) : null;
  const profileRaw = await artifacts.latest(ticket, 'execution_setup_profile');
  const profile = profileRaw ? SetupProfile.safeParse(safeJson(profileRaw.content)) : null;
  const roots = [...(plan?.tempRoots ?? []), ...(profile?.success ? profile.data.tempRoots : [])]
    .map(normalizeRoot)
    .filter((r) => r && r !== '.' && !r.startsWith('..') && !r.startsWith('/'));
  return {
    tempRoots: [...new Set(roots)],
    // §1.1: the setup approval may override the locked policy for this run.
    hookPolicy: plan?.gitHooks.policy ?? locked.gitHookPolicy,
    hookValidations: (plan?.gitHooks.validationCommands ?? []).map((v) => ({ hook: v.hook, command: v.command })),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
