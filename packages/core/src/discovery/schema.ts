import { z } from 'zod';

// workflow.md §6: the relevant-files scan result, with its documented defaults.
export const RelevantFile = z.object({
  path: z.string().min(1),
  rationale: z.string().default(''),
  relevance: z.enum(['high', 'medium', 'low']).default('medium'),
  likely_action: z.enum(['read', 'modify', 'create']).default('read'),
  content_preview: z.string().optional(),
});

export const RelevantFilesResult = z.object({
  file_count: z.number().int().optional(),
  files: z.array(RelevantFile).max(30),
});
export type RelevantFilesResult = z.infer<typeof RelevantFilesResult>;

/** file_count is always recomputed (§6 normalization). */
export function normalizeRelevantFiles(result: RelevantFilesResult): RelevantFilesResult & { file_count: number } {
  return { ...result, file_count: result.files.length };
}
