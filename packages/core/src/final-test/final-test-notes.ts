import { z } from 'zod';
import type { ArtifactService } from '../artifacts/service.ts';
import { DISABLED_TOOLS } from '../council/index.ts';
import { conflict } from '../errors.ts';
import type { PhaseContext } from '../lifecycle/phase.ts';
import type { TicketRow } from '../tickets/store.ts';
import { type AttemptRecord, type FinalTestDeps, sessionOf } from './final-test-attempt.ts';
import { retryNotePrompt } from './prompts.ts';

// workflow.md §10.7 `final_test_notes`: what the next attempt learns from the failed ones — a PROM53 note per failed
// attempt (or a deterministic one when the model cannot write it), and a user's "retry with note" (§4.4).

export const PHASE = 'RUNNING_FINAL_TEST';
export const NOTES_TYPE = 'final_test_notes';

const Note = z.object({
  attempt: z.number().int(),
  source: z.enum(['ai', 'fallback', 'user']),
  text: z.string(),
  createdAt: z.string(),
});
export type FinalTestNote = z.infer<typeof Note>;
const Notes = z.object({ notes: z.array(Note) });

export async function readNotes(
  artifacts: ArtifactService,
  ticket: TicketRow,
  phaseAttempt: number,
): Promise<FinalTestNote[]> {
  const stored = await artifacts.latest(ticket, NOTES_TYPE, { phase: PHASE, phaseAttempt });
  const parsed = stored ? Notes.safeParse(JSON.parse(stored.content)) : null;
  return parsed?.success ? parsed.data.notes : [];
}

export async function appendNote(
  artifacts: ArtifactService,
  ticket: TicketRow,
  phaseAttempt: number,
  note: FinalTestNote,
): Promise<FinalTestNote[]> {
  const notes = [...(await readNotes(artifacts, ticket, phaseAttempt)), note];
  await artifacts.write(ticket, PHASE, NOTES_TYPE, JSON.stringify({ notes }), { replace: true, phaseAttempt });
  return notes;
}

/** The error context of a failed attempt: the reason and the failing command's output tail. */
export function errorContext(record: AttemptRecord): string {
  const failed = record.commands.find((c) => c.exitCode !== 0 || c.timedOut);
  const lines = [`Attempt ${record.attempt} failed: ${record.error ?? 'unknown failure'}`];
  if (record.answer) lines.push(`Declared test files: ${record.answer.testFiles.join(', ') || '(none)'}`);
  if (failed) lines.push(`Output of \`${failed.display}\` (last part):`, failed.outputTail.trim().slice(-1500));
  return lines.join('\n');
}

/** §10.7 deterministic fallback: the recorded error itself, so the next attempt always learns something. */
export const fallbackNote = (record: AttemptRecord) =>
  `The previous final-test attempt failed. ${errorContext(record)}\nFix the cause before answering again.`;

/** PROM53 in a fresh session with tools disabled; null when the model gives nothing usable. */
export async function writeRetryNote(
  deps: FinalTestDeps,
  ctx: PhaseContext,
  record: AttemptRecord,
): Promise<{ text: string; source: 'ai' | 'fallback' }> {
  try {
    const outcome = await deps.opencode.runPrompt({
      ...sessionOf(ctx, record.attempt, `final-test retry note (attempt ${record.attempt})`),
      text: retryNotePrompt(ctx.ticket, errorContext(record)),
      tools: { ...DISABLED_TOOLS },
    });
    const text = outcome.text.trim();
    if (text) return { text, source: 'ai' };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
  }
  return { text: fallbackNote(record), source: 'fallback' };
}

/**
 * "Retry with extra note…" from a BLOCKED_ERROR in RUNNING_FINAL_TEST (the brief extends §4.4's list): the user's text,
 * byte-exact, joins `final_test_notes` of the current attempt, and the phase gets one attempt beyond its budget.
 */
export async function recordFinalTestRetryNote(artifacts: ArtifactService, row: TicketRow, note: string, now: string) {
  if (row.previousStatus !== PHASE)
    throw conflict(
      `A final-test note needs a ticket blocked in ${PHASE} (this one was blocked in ${row.previousStatus})`,
      {
        status: row.status,
        previousStatus: row.previousStatus,
      },
    );
  const phaseAttempt = await artifacts.activeAttempt(row, PHASE);
  const attempts = await artifacts.list(row, { phase: PHASE, phaseAttempt, artifactType: 'final_test_report' });
  await appendNote(artifacts, row, phaseAttempt, {
    attempt: attempts.length,
    source: 'user',
    text: note,
    createdAt: now,
  });
}
