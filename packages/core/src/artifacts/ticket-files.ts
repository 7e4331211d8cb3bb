import { invalidInput } from '../errors.ts';
import type { WorkspaceFiles } from '../files/port.ts';
import { sha256 } from '../lib/hash.ts';
import type { TicketRow } from '../tickets/store.ts';
import { ticketFileOf } from '../tickets/workspace.ts';

/** The only files `/api/files/:ticketId/:file` may name (api-reference.txt: "intentionally narrow"). */
export type EditableFile = 'interview' | 'prd';

/** architecture.md §12: raw artifact saves are capped at 1 000 000 characters. */
export const MAX_RAW_CHARS = 1_000_000;

/** Each document has its own save rules (validation, approval reset, planning restart); the files route uses them. */
export type DocumentSaver = (ref: string, raw: string) => Promise<unknown>;

export function createTicketFiles(
  files: WorkspaceFiles,
  savers: Record<EditableFile, DocumentSaver>,
  refresh: (ticket: TicketRow) => Promise<TicketRow>,
) {
  return {
    async read(ticket: TicketRow, file: EditableFile) {
      if (!ticket.worktreePath) return { file, exists: false, content: null, contentSha256: null };
      const content = await files.read(ticket.worktreePath, ticketFileOf(file));
      return { file, exists: content !== null, content, contentSha256: content === null ? null : sha256(content) };
    },

    /**
     * Save a user edit through the document's own rules (validation, canonical form, approval reset or planning
     * restart: workflow.md §4.8), then answer with the file as saved.
     */
    async write(ticket: TicketRow, file: EditableFile, content: string) {
      if (content.length > MAX_RAW_CHARS)
        throw invalidInput(`The ${file} document is longer than ${MAX_RAW_CHARS} characters`);
      await savers[file](ticket.externalId, content);
      const after = await refresh(ticket);
      // A save moves the ticket only when it restarts planning; a no-op or an in-gate save leaves it where it was.
      return {
        ...(await this.read(after, file)),
        restartedPlanning: after.workflowRevision !== ticket.workflowRevision,
      };
    },
  };
}

export type TicketFiles = ReturnType<typeof createTicketFiles>;
