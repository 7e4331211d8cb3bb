import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import type { ExecutionSetupPlan } from './setup-plan-schema.ts';

// workflow.md §13: PROM_EXECUTION_CAPABILITY_PROBE, PROM_EXECUTION_SETUP_PLAN(_REGENERATE), PROM_EXECUTION_SETUP and
// PROM_EXECUTION_SETUP_NOTE, as .md files beside the phase (prompts are data).

const read = (name: string) => loadPrompt(new URL(`./${name}`, import.meta.url));
const renderProbe = read('capability-probe.md');
const renderPlan = read('setup-plan.md');
const renderRegenerate = read('setup-plan-regenerate.md');
const renderSetup = read('setup.md');
const renderNote = read('setup-note.md');
export const PLAN_EXAMPLE = read('setup-plan-example.json')({}).trimEnd();
export const RESULT_EXAMPLE = read('setup-result-example.json')({}).trimEnd();

export const capabilityProbePrompt = () => renderProbe({ phaseTag: phaseTag('PRE_FLIGHT_CHECK') });

export interface PlanPromptInput {
  ticket: TicketRow;
  originalCheckout: string;
  worktree: string;
  hostContext: unknown;
  hookPolicy: string;
  detectedHooks: unknown;
  relevantFiles: string;
  prd: string;
  beads: string;
  previousProfile: string | null;
  notes: readonly string[];
}

export function setupPlanPrompt(input: PlanPromptInput): string {
  return renderPlan({
    phaseTag: phaseTag('GENERATING_EXECUTION_SETUP_PLAN'),
    ticketDetails: ticketDetails(input.ticket),
    originalCheckout: input.originalCheckout,
    worktree: input.worktree,
    hostContext: JSON.stringify(input.hostContext, null, 2),
    hookPolicy: input.hookPolicy,
    detectedHooks: JSON.stringify(input.detectedHooks, null, 2),
    relevantFiles: input.relevantFiles,
    prd: input.prd,
    beads: input.beads,
    previousProfile: input.previousProfile ? `\`\`\`json\n${input.previousProfile}\n\`\`\`` : '(none: first run)',
    notes: input.notes.length ? `Notes from earlier reviews:\n${input.notes.map((n) => `- ${n}`).join('\n')}` : '',
    example: PLAN_EXAMPLE,
  });
}

/** PROM_EXECUTION_SETUP_PLAN_REGENERATE: the commentary and the current plan first, then the whole base prompt. */
export function regeneratePlanPrompt(
  input: PlanPromptInput & { commentary: string; currentPlan: string; previousFailure: string | null },
): string {
  return renderRegenerate({
    phaseTag: phaseTag('GENERATING_EXECUTION_SETUP_PLAN'),
    commentary: input.commentary,
    currentPlan: input.currentPlan,
    previousFailure: input.previousFailure ?? '(none)',
    basePrompt: setupPlanPrompt(input).replace(`${phaseTag('GENERATING_EXECUTION_SETUP_PLAN')}\n`, ''),
  });
}

export function setupPrompt(input: {
  ticket: TicketRow;
  plan: ExecutionSetupPlan;
  planRaw: string;
  beads: string;
  attempt: number;
  budget: number;
}): string {
  return renderSetup({
    phaseTag: phaseTag('PREPARING_EXECUTION_ENV'),
    attempt: String(input.attempt),
    budget: String(input.budget),
    tempRoots: input.plan.tempRoots.join(', '),
    ticketDetails: ticketDetails(input.ticket),
    plan: input.planRaw.trimEnd(),
    beads: input.beads,
    example: RESULT_EXAMPLE,
  });
}

export const setupNotePrompt = (failure: string) =>
  renderNote({ phaseTag: phaseTag('PREPARING_EXECUTION_ENV'), failure });
