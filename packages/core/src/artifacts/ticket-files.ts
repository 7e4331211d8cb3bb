import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { conflict, invalidInput } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { sha256 } from '../lib/hash.ts';
import type { TicketRow } from '../tickets/store.ts';
import { TICKET_FILES, ticketFilePath } from '../tickets/workspace.ts';
import { statusInfo, TicketStatus } from '../workflow/statuses.ts';
import type { ArtifactService } from './service.ts';

/** The only files `/api/files/:ticketId/:file` may name (api-reference.txt: "intentionally narrow"). */
export type EditableFile = 'interview' | 'prd';

/** architecture.md §12: raw artifact saves are capped at 1 000 000 characters. */
export const MAX_RAW_CHARS = 1_000_000;

/** The interview has its own save rules (validation, approval reset, planning restart); the files route uses them. */
export type InterviewSaver = (ref: string, raw: string) => Promise<unknown>;

export function createTicketFiles(artifacts: ArtifactService, clock: Clock, saveInterview: InterviewSaver) {
  return {
    async read(ticket: TicketRow, file: EditableFile) {
      if (!ticket.worktreePath) return { file, exists: false, content: null, contentSha256: null };
      const content = await readFile(ticketFilePath(ticket.worktreePath, file), 'utf8').catch(() => null);
      return { file, exists: content !== null, content, contentSha256: content === null ? null : sha256(content) };
    },

    /**
     * Save a user edit: YAML must parse; refused once the ticket is in the execution band (workflow.md §4.6).
     * Writes the canonical file, a new artifact version and a `user_edit_receipt` with before/after hashes.
     */
    async write(ticket: TicketRow, file: EditableFile, content: string) {
      if (content.length > MAX_RAW_CHARS)
        throw invalidInput(`The ${file} document is longer than ${MAX_RAW_CHARS} characters`);
      if (file === 'interview') {
        await saveInterview(ticket.externalId, content);
        return this.read(ticket, file);
      }
      const status = TicketStatus.parse(ticket.status);
      const effective = status === 'BLOCKED_ERROR' ? TicketStatus.safeParse(ticket.previousStatus).data : status;
      if (!ticket.worktreePath || !effective || status === 'DRAFT') {
        throw conflict(`There is no ${file} to edit before the ticket has started`, { status });
      }
      if (statusInfo(effective).inExecutionBand || statusInfo(effective).isTerminal) {
        throw conflict(`The ${file} is read-only once execution has started`, { status });
      }
      const document = parseDocument(content);
      if (document.errors.length) {
        throw invalidInput(`The ${file} is not valid YAML`, {
          errors: document.errors.map((e) => ({ message: e.message, line: e.linePos?.[0]?.line ?? null })),
        });
      }
      const before = await this.read(ticket, file);
      const saved = await artifacts.write(ticket, status, file, content, { filePath: TICKET_FILES[file] });
      await artifacts.write(
        ticket,
        status,
        `user_edit_receipt:${file}`,
        JSON.stringify({
          beforeSha256: before.contentSha256,
          afterSha256: saved.contentSha256,
          savedAt: clock.isoNow(),
        }),
      );
      return { file, exists: true, content, contentSha256: saved.contentSha256 };
    },
  };
}

export type TicketFiles = ReturnType<typeof createTicketFiles>;
