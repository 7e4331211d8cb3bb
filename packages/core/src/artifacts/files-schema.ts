import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

export const EditableFileName = z.enum(['interview', 'prd']);

export const FileInput = z.object({ ticketId: TicketIdParam, file: EditableFileName });
export const FilePutInput = z.object({ ticketId: TicketIdParam, file: EditableFileName, content: z.string() }).strict();
export const FileContent = z.object({
  file: EditableFileName,
  exists: z.boolean(),
  content: z.string().nullable(),
  contentSha256: z.string().nullable(),
  /** On a save: the edit restarted planning (an approved interview or PRD was changed, workflow.md §4.8). */
  restartedPlanning: z.boolean().optional(),
});
