import { join } from 'node:path';

// Spec README: worktrees live under the repo at `.looptroop/worktrees/<REF>/`, on branch `<REF>`;
// LoopTroop's own files for the ticket live in `<worktree>/.ticket/` (never committed).

export const worktreePathFor = (repoRoot: string, externalId: string) =>
  join(repoRoot, '.looptroop', 'worktrees', externalId);

/** The ticket's own folder, relative to its worktree. */
export const TICKET_DIR = '.ticket';

export const ticketDirOf = (worktreePath: string) => join(worktreePath, TICKET_DIR);

/** The execution log, relative to the worktree. */
export const EXECUTION_LOG = `${TICKET_DIR}/runtime/execution-log.jsonl`;

export const executionLogPath = (worktreePath: string) => join(worktreePath, EXECUTION_LOG);

/** Files inside `.ticket/` that routes may name; anything else never becomes a path. */
export const TICKET_FILES = {
  interview: 'interview.yaml',
  prd: 'prd.yaml',
  relevantFiles: 'relevant-files.yaml',
  meta: 'meta/ticket.meta.json',
} as const;
export type TicketFile = keyof typeof TICKET_FILES;

/** A ticket file relative to the worktree, for the workspace files port. */
export const ticketFileOf = (file: TicketFile) => `${TICKET_DIR}/${TICKET_FILES[file]}`;

/** `.ticket/.gitignore` keeps scratch out of everything, even if the ticket folder were ever added. */
export const TICKET_GITIGNORE = ['runtime/**', 'locks/**', 'streams/**', 'sessions/**', 'tmp/**', ''].join('\n');
