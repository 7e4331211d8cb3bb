import type { CouncilDomain } from './domain.ts';

export interface CoverageRunState {
  /** 1-based number of the audit about to run. */
  runNumber: number;
  /** This audit is the last one `maxPasses` (total audits) allows. */
  isFinalAllowedRun: boolean;
}

/** workflow.md §5.7 `runState`: where the next audit sits against the pass cap. */
export function coverageRunState(completedPasses: number, maxPasses: number): CoverageRunState {
  const runNumber = completedPasses + 1;
  return { runNumber, isFinalAllowedRun: runNumber >= maxPasses };
}

export type CoverageReason =
  | 'clean'
  | 'follow_up_budget_exhausted'
  | 'coverage_pass_limit_reached'
  | 'follow_up_generation_failed'
  | 'gaps';

/**
 * `advance`: leave the coverage status. `follow_up`: interview only, loop back to WAITING_INTERVIEW_ANSWERS with the
 * follow-up questions. `revise`: PRD and beads only, revise the candidate in place and audit again.
 */
export type CoverageAction = 'advance' | 'follow_up' | 'revise';

export interface CoverageDisposition {
  action: CoverageAction;
  /** The loop stopped on a cap while gaps remained; they are shown as warnings at approval. */
  limitReached: boolean;
  reason: CoverageReason;
}

export interface CoverageDispositionInput {
  domain: CouncilDomain;
  hasGaps: boolean;
  isFinalAllowedRun: boolean;
  hasFollowUps: boolean;
  /** Interview follow-up budget left (§7.6); ignored for PRD and beads. */
  remainingBudget: number;
}

/** workflow.md §5.7 `disposition`: what to do after one coverage audit. */
export function coverageDisposition(input: CoverageDispositionInput): CoverageDisposition {
  if (!input.hasGaps) return { action: 'advance', limitReached: false, reason: 'clean' };
  if (input.domain === 'interview') {
    if (input.remainingBudget <= 0)
      return { action: 'advance', limitReached: true, reason: 'follow_up_budget_exhausted' };
    if (input.isFinalAllowedRun)
      return { action: 'advance', limitReached: true, reason: 'coverage_pass_limit_reached' };
    if (!input.hasFollowUps) return { action: 'advance', limitReached: false, reason: 'follow_up_generation_failed' };
    return { action: 'follow_up', limitReached: false, reason: 'gaps' };
  }
  if (input.isFinalAllowedRun) return { action: 'advance', limitReached: true, reason: 'coverage_pass_limit_reached' };
  return { action: 'revise', limitReached: false, reason: 'gaps' };
}

export interface FollowUpBudget {
  total: number;
  used: number;
  remaining: number;
}

/**
 * workflow.md §7.6: the follow-up budget comes from the locked question cap, not from the compiled question count:
 * `pct ≤ 0 || cap ≤ 0 ? 0 : max(1, floor(cap × pct / 100))`; `remaining = max(0, total − used)`.
 */
export function followUpBudget(maxInitialQuestions: number, pct: number, used: number): FollowUpBudget {
  const total = pct <= 0 || maxInitialQuestions <= 0 ? 0 : Math.max(1, Math.floor((maxInitialQuestions * pct) / 100));
  return { total, used, remaining: Math.max(0, total - used) };
}
