import { GitHookPolicy, type LockedSettings, type Tunables } from '../lifecycle/settings.ts';
import { assertCouncilValid, normalizeCouncil } from '../profile/council.ts';
import type { ProfileSettings } from '../profile/schema.ts';
import type { ProjectOverrides } from '../projects/schema.ts';

interface TicketOverrides {
  manualQaOverride: boolean | null;
  gitHookPolicy: string | null;
}

/** Resolve ticket → project → profile (null inherits) and freeze the Start lock. Throws on an invalid council. */
export function lockSettings(
  profile: ProfileSettings,
  project: ProjectOverrides,
  ticket: TicketOverrides,
): LockedSettings {
  const councilMembers = normalizeCouncil(profile.mainImplementer, project.councilMembers ?? profile.councilMembers);
  assertCouncilValid(councilMembers, project.minCouncilQuorum ?? profile.minCouncilQuorum);
  const ticketHook = GitHookPolicy.safeParse(ticket.gitHookPolicy);
  const [manualQaEnabled, manualQaSource] =
    ticket.manualQaOverride !== null
      ? [ticket.manualQaOverride, 'ticket' as const]
      : project.manualQaOverride !== null
        ? [project.manualQaOverride, 'project' as const]
        : [profile.manualQaEnabled, 'profile' as const];
  const [gitHookPolicy, gitHookPolicySource] = ticketHook.success
    ? [ticketHook.data, 'ticket' as const]
    : project.gitHookPolicy !== null
      ? [project.gitHookPolicy, 'project' as const]
      : [profile.gitHookPolicy, 'profile' as const];
  return {
    mainImplementer: profile.mainImplementer,
    mainImplementerVariant: profile.mainImplementerVariant,
    councilMembers,
    councilMemberVariants: profile.councilMemberVariants,
    interviewQuestions: project.interviewQuestions ?? profile.interviewQuestions,
    coverageFollowUpBudgetPercent: profile.coverageFollowUpBudgetPercent,
    maxCoveragePasses: profile.maxCoveragePasses,
    maxPrdCoveragePasses: profile.maxPrdCoveragePasses,
    maxBeadsCoveragePasses: profile.maxBeadsCoveragePasses,
    structuredRetryCount: profile.structuredRetryCount,
    manualQaEnabled,
    manualQaSource,
    gitHookPolicy,
    gitHookPolicySource,
  };
}

/** Settings read "later" (when a phase starts): project override, else profile. */
export function readLaterSettings(profile: ProfileSettings, project: ProjectOverrides): Tunables {
  return {
    ...profile,
    minCouncilQuorum: project.minCouncilQuorum ?? profile.minCouncilQuorum,
    councilResponseTimeout: project.councilResponseTimeout ?? profile.councilResponseTimeout,
    perIterationTimeout: project.perIterationTimeout ?? profile.perIterationTimeout,
    executionSetupTimeout: project.executionSetupTimeout ?? profile.executionSetupTimeout,
    maxIterations: project.maxIterations ?? profile.maxIterations,
    ignoreMode: project.ignoreMode ?? profile.ignoreMode,
  };
}
