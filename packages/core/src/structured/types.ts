import type { z } from 'zod';

/** What a structured artifact must look like, and the hints that let the parser recover it (workflow.md §12.2). */
export interface StructuredSpec<T> {
  /** Final validation; its object shapes also drive key aliasing and schema-aware repairs. */
  schema: z.ZodType<T>;
  /** `RELEVANT_FILES_RESULT` → the content inside `<RELEVANT_FILES_RESULT>…</RELEVANT_FILES_RESULT>`. */
  tag?: string;
  /** Known top-level keys, for "from the first line with a known root key". */
  rootKeys?: string[];
  /** Extra single wrapper keys to unwrap, besides output|result|data|document|artifact. */
  wrappers?: string[];
  /** Per-field synonyms, e.g. `{ steps: 'implementation_steps' }`; compared after key normalization. */
  aliases?: Record<string, string>;
  /** The primary key of known lists, e.g. `{ files: 'path' }`: a bare scalar item followed by fields becomes it. */
  listPrimaryKeys?: Record<string, string>;
}

export type CandidateKind = 'raw' | 'fence' | 'tag' | 'json' | 'root-key' | 'root-key-glued';

export type FailureClass = 'empty' | 'prompt_echo' | 'unparseable' | 'invalid';

/** One entry of `repairWarnings[]` (workflow.md §12.4). */
export interface RepairWarning {
  category: 'parser_fix' | 'cleanup' | 'dropped';
  stage: 'parse' | 'normalize';
  rule: string;
  detail?: string;
}

export interface StructuredSuccess<T> {
  ok: true;
  value: T;
  warnings: RepairWarning[];
  candidate: CandidateKind;
  /** True when any repair ran or the raw text was not used verbatim (§12.4 `repairApplied`). */
  repaired: boolean;
}

export interface StructuredFailure {
  ok: false;
  error: string;
  failureClass: FailureClass;
  /** The zod issues of the closest candidate when `failureClass` is `invalid`. */
  issues?: z.core.$ZodIssue[];
  warnings: RepairWarning[];
}

export type StructuredResult<T> = StructuredSuccess<T> | StructuredFailure;
