import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';

// workflow.md §13: PROM52 (final test), PROM53 (its retry note) and the audit's classification retry (§10.7), as .md
// files beside the phase (prompts are data). Context per §11.2 `final_test`: ticket_details, prd, beads,
// final_test_notes — never the interview or Full Answers.

const read = (name: string) => loadPrompt(new URL(`./${name}`, import.meta.url));
const renderFinalTest = read('final-test.md');
const renderRetryNote = read('retry-note.md');
const renderClassify = read('classify-files.md');
const TAG = phaseTag('RUNNING_FINAL_TEST');

export function finalTestPrompt(input: {
  ticket: TicketRow;
  prd: string;
  beads: string;
  notes: readonly string[];
  setupRoots: readonly string[];
  attempt: number;
  budget: number;
}): string {
  return renderFinalTest({
    phaseTag: TAG,
    attempt: String(input.attempt),
    budget: String(input.budget),
    setupRoots: input.setupRoots.join(', ') || '(none)',
    ticketDetails: ticketDetails(input.ticket),
    prd: input.prd.trimEnd(),
    beads: input.beads,
    notes: input.notes.length ? input.notes.map((n, i) => `${i + 1}. ${n}`).join('\n') : '(none: first attempt)',
  });
}

/** PROM53: ticket_details + error_context only (§11.3). */
export const retryNotePrompt = (ticket: TicketRow, errorContext: string) =>
  renderRetryNote({ phaseTag: TAG, ticketDetails: ticketDetails(ticket), errorContext });

export const classifyPrompt = (paths: readonly string[]) =>
  renderClassify({ phaseTag: TAG, paths: paths.map((p) => `- ${p}`).join('\n') });
