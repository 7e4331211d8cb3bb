import { z } from 'zod';
import { CommandInput, normalizeRepoPath } from '../execution/command-spec.ts';
import { isInternalPath, isWithin, repoPathProblem } from '../execution/repo-path.ts';
import type { StructuredSpec } from '../structured/index.ts';

// workflow.md §10.7: `<FINAL_TEST_COMMANDS>{commands, test_files, modified_files, file_effects, summary}` and every
// normalization the section lists. Keys arrive snake_case; the structured pipeline renames them to these fields.

export const FINAL_TEST_TAG = 'FINAL_TEST_COMMANDS';

export const FileIntent = z.enum(['candidate', 'temporary', 'unexpected']);
export type FileIntent = z.infer<typeof FileIntent>;

/** §10.7 intent aliases. */
const INTENT_ALIASES: Record<string, FileIntent> = {
  candidate: 'candidate',
  include: 'candidate',
  commit: 'candidate',
  keep: 'candidate',
  permanent: 'candidate',
  temporary: 'temporary',
  temp: 'temporary',
  scratch: 'temporary',
  artifact: 'temporary',
  generated: 'temporary',
  exclude: 'temporary',
  unexpected: 'unexpected',
  unknown: 'unexpected',
  unintended: 'unexpected',
  accidental: 'unexpected',
};

const Intent = z.preprocess(
  (v) => (typeof v === 'string' ? (INTENT_ALIASES[v.trim().toLowerCase()] ?? v) : v),
  FileIntent,
);

const RepoPath = z
  .string()
  .transform(normalizeRepoPath)
  .superRefine((path, issue) => {
    const problem = repoPathProblem(path);
    if (problem) issue.addIssue({ code: 'custom', message: problem });
  });

/** A path item: a bare string or `{path}` (models write both). */
const PathItem = z.union([RepoPath, z.object({ path: RepoPath }).transform((o) => o.path)]);

/** §10.7 "a string becomes a list". */
const listOf = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((one) => [one])]).default([]);

/** §10.7 "a bare path becomes {path, intent: candidate}". */
const FileEffect = z.union([
  RepoPath.transform((path) => ({ path, intent: 'candidate' as const, reason: '' })),
  z.object({ path: RepoPath, intent: Intent.default('candidate'), reason: z.string().default('') }),
]);
export type FileEffect = z.output<typeof FileEffect>;

const dedupe = (paths: string[]) => [...new Set(paths)];

const FinalTestObject = z
  .object({
    commands: listOf(CommandInput),
    testFiles: listOf(PathItem),
    modifiedFiles: listOf(PathItem).optional(),
    fileEffects: listOf(FileEffect),
    summary: z.string().default(''),
  })
  .transform((r) => ({
    commands: r.commands,
    testFiles: dedupe(r.testFiles),
    // §10.7: modified_files defaults to the deduplicated test_files.
    modifiedFiles: dedupe(r.modifiedFiles?.length ? r.modifiedFiles : r.testFiles),
    fileEffects: r.fileEffects,
    summary: r.summary.trim(),
  }));
export type FinalTestCommands = z.output<typeof FinalTestObject>;

/** Why a listed path may not appear in the file lists (§10.7: `.ticket/**`, setup paths, `.looptroop/**`), or null. */
export function forbiddenPathProblem(path: string, setupRoots: readonly string[]): string | null {
  if (isInternalPath(path)) return `${path} is LoopTroop's or git's own path and never part of the final test`;
  const root = setupRoots.find((r) => isWithin(path, normalizeRepoPath(r)));
  return root ? `${path} is inside the setup path ${root} and never part of the final test` : null;
}

/** The structured spec for one run: the setup roots come from the accepted profile. */
export function finalTestSpec(setupRoots: readonly string[]): StructuredSpec<FinalTestCommands> & {
  formatReminder: string;
} {
  return {
    schema: FinalTestObject.superRefine((r, issue) => {
      if (r.commands.length === 0)
        issue.addIssue({ code: 'custom', path: ['commands'], message: 'name at least one command to run' });
      if (r.testFiles.length === 0)
        issue.addIssue({
          code: 'custom',
          path: ['test_files'],
          message: 'add or modify at least one test file and list it in test_files',
        });
      const lists = {
        test_files: r.testFiles,
        modified_files: r.modifiedFiles,
        file_effects: r.fileEffects.map((e) => e.path),
      };
      for (const [key, paths] of Object.entries(lists))
        paths.forEach((path, i) => {
          const problem = forbiddenPathProblem(path, setupRoots);
          if (problem) issue.addIssue({ code: 'custom', path: [key, i], message: problem });
        });
    }),
    tag: FINAL_TEST_TAG,
    rootKeys: ['commands', 'test_files', 'modified_files', 'file_effects', 'summary'],
    wrappers: ['final_test_commands', 'final_test'],
    aliases: { timeout: 'timeoutSeconds', arguments: 'args', tests: 'testFiles', effects: 'fileEffects' },
    formatReminder:
      'Exactly one <FINAL_TEST_COMMANDS>…</FINAL_TEST_COMMANDS> block with one JSON object {"commands": [{"program", "args", "cwd"} or {"shell": "posix", "script", "cwd"}], "test_files": [...], "modified_files": [...], "file_effects": [{"path", "intent": "candidate|temporary|unexpected", "reason"}], "summary": "..."}.',
  };
}

const Classification = z.object({ fileEffects: listOf(FileEffect) });

/** The answer to the audit's one classification retry (§10.7 "other unknown untracked files"). */
export const FILE_EFFECTS_TAG = 'FILE_EFFECTS';
export const fileEffectsSpec: StructuredSpec<z.output<typeof Classification>> & { formatReminder: string } = {
  schema: Classification,
  tag: FILE_EFFECTS_TAG,
  rootKeys: ['file_effects'],
  aliases: { effects: 'fileEffects', files: 'fileEffects' },
  formatReminder:
    'Exactly one <FILE_EFFECTS>…</FILE_EFFECTS> block with one JSON object {"file_effects": [{"path", "intent": "candidate|temporary|unexpected", "reason"}]}.',
};
