import type { Rule, Scenario } from '../scripted-model/index.ts';
import { codingScenario } from './coding.ts';
import type { ExecutionScenarioOptions } from './execution.ts';
import { phaseRule, replies } from './interview.ts';

// The whole lifecycle of issue 15 on the sample repository: the coding scenario's beads, final test and delivery,
// with an interview that ends after two batches (the user skips the one question of batch 2) and a clean coverage
// pass, so the PRD's Full Answers step fills exactly that skipped question.

/** The interview question the lifecycle's user skips (batch 2). */
export const LIFECYCLE_SKIPPED = ['Q03'];

export function lifecycleScenario(options: ExecutionScenarioOptions = {}): Scenario & { rules: Rule[] } {
  return codingScenario({
    prdCoverage: 'clean',
    skipped: LIFECYCLE_SKIPPED,
    ...options,
    extraRules: [
      phaseRule('WAITING_INTERVIEW_ANSWERS', replies.interviewComplete(), { marker: 'Answers for batch 2' }),
      phaseRule('VERIFYING_INTERVIEW_COVERAGE', replies.coverageClean()),
      ...(options.extraRules ?? []),
    ],
  });
}
