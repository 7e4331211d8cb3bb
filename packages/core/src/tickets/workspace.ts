import { join } from 'node:path';
import { invalidInput } from '../errors.ts';

// Spec README: worktrees live under the repo at `.looptroop/worktrees/<REF>/`, on branch `<REF>`;
// LoopTroop's own files for the ticket live in `<worktree>/.ticket/` (never committed).

export const worktreePathFor = (repoRoot: string, externalId: string) =>
  join(repoRoot, '.looptroop', 'worktrees', externalId);

export const ticketDirOf = (worktreePath: string) => join(worktreePath, '.ticket');

export const executionLogPath = (worktreePath: string) =>
  join(ticketDirOf(worktreePath), 'runtime', 'execution-log.jsonl');

/** Files inside `.ticket/` that routes may name; anything else never becomes a path. */
export const TICKET_FILES = {
  interview: 'interview.yaml',
  prd: 'prd.yaml',
  relevantFiles: 'relevant-files.yaml',
  meta: 'meta/ticket.meta.json',
} as const;
export type TicketFile = keyof typeof TICKET_FILES;

export function ticketFilePath(worktreePath: string | null, file: TicketFile): string {
  if (!worktreePath) throw invalidInput('The ticket has no workspace yet; start it first');
  return join(ticketDirOf(worktreePath), TICKET_FILES[file]);
}

/** `.ticket/.gitignore` keeps scratch out of everything, even if the ticket folder were ever added. */
export const TICKET_GITIGNORE = ['runtime/**', 'locks/**', 'streams/**', 'sessions/**', 'tmp/**', ''].join('\n');
