import type { Bead } from '../beads/schema.ts';
import { PROFILE_MIRROR } from '../execution/setup-runtime-files.ts';
import { loadPrompt, phaseTag } from '../prompts/template.ts';

// workflow.md §13: PROM_CODING, PROM51 (context-wipe note) and the keep-working reminder, as .md files beside the
// phase (prompts are data).

const read = (name: string) => loadPrompt(new URL(`./${name}`, import.meta.url));
const renderCoding = read('coding.md');
const renderNote = read('context-wipe-note.md');
const renderKeepWorking = read('keep-working.md');

type Note = Bead['failedIterationNotes'][number];

const renderNotes = (notes: readonly Note[]) =>
  notes.length
    ? notes
        .map(
          (n) =>
            `#### Iteration ${n.iteration} (${n.timestamp})${n.errorCode ? ` — ${n.errorCode}` : ''}\n\n${n.content}`,
        )
        .join('\n\n')
    : '(none)';

/**
 * §10.6 step 2: `bead_data` is this bead only, without its execution bookkeeping and without its notes (they follow
 * under their own headings). The agent never sees the PRD, the interview, other beads or earlier transcripts.
 */
export function beadData(bead: Bead): Record<string, unknown> {
  const {
    failedIterationNotes: _f,
    userRetryNotes: _u,
    finalizationFailureNotes: _n,
    qaOrigin: _q,
    status: _s,
    iteration: _i,
    startedAt: _st,
    updatedAt: _up,
    completedAt: _c,
    createdAt: _cr,
    beadStartCommit: _b,
    ...data
  } = bead;
  return data;
}

export function codingPrompt(input: { bead: Bead; maxIterations: number; tempRoots: readonly string[] }): string {
  const { bead } = input;
  return renderCoding({
    phaseTag: phaseTag('CODING'),
    beadId: bead.id,
    iteration: String(bead.iteration),
    maxIterations: String(input.maxIterations),
    profilePath: PROFILE_MIRROR,
    tempRoots: input.tempRoots.length ? input.tempRoots.map((r) => `\`${r}\``).join(', ') : '(none approved)',
    beadData: JSON.stringify(beadData(bead), null, 2),
    failedIterationNotes: renderNotes(bead.failedIterationNotes),
    userRetryNotes: renderNotes(bead.userRetryNotes),
    finalizationFailureNotes: renderNotes(bead.finalizationFailureNotes),
    qaOrigin: bead.qaOrigin ? `\n### QA Origin\n\n\`\`\`json\n${JSON.stringify(bead.qaOrigin, null, 2)}\n\`\`\`\n` : '',
  });
}

/** PROM51 (§10.6 Ralph step 1): context `bead_data + error_context`, sent into the failing session with tools off. */
export function contextWipeNotePrompt(input: { bead: Bead; errorContext: string }): string {
  return renderNote({
    phaseTag: phaseTag('CODING'),
    beadId: input.bead.id,
    iteration: String(input.bead.iteration),
    errorContext: input.errorContext,
  });
}

export const keepWorkingPrompt = (beadId: string, problem: string) => renderKeepWorking({ beadId, problem });
