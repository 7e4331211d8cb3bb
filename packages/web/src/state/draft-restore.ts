// What to do with an autosaved draft when an approval editor opens (workflow.md §16.17: autosaved drafts survive a
// reload). A draft records the hash of the document it was made from, so an edit of an older version is never
// silently laid over a newer one (Fix gaps with AI, a Save in another tab, a planning restart).

/** A draft as stored in ui-state: `{ baseSha256, value }`, plus the server time of the write. */
export interface StoredDraft<T> {
  baseSha256: string | null;
  value: T;
  savedAt: string | null;
}

export type RestoreDecision<T> =
  /** Nothing stored (or nothing readable). */
  | { kind: 'none' }
  /** The draft equals the document: nothing to restore, clear it. */
  | { kind: 'drop' }
  /** Made from this very version and the editor is untouched: put it back in the editor, with a notice. */
  | { kind: 'restore'; draft: StoredDraft<T> }
  /** Shown as an offer the user may take or discard: made from an older version, or the editor is already in use. */
  | { kind: 'offer'; draft: StoredDraft<T>; isOutdated: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ui-state answer → the stored draft, or null (none, cleared, or not ours). */
export function readStoredDraft<T>(
  state: { exists: boolean; data?: unknown; updatedAt: string | null },
  readValue: (value: unknown) => T | null,
): StoredDraft<T> | null {
  if (!state.exists || !isRecord(state.data)) return null;
  const value = readValue(state.data.value);
  if (value === null) return null;
  const base = state.data.baseSha256;
  return { baseSha256: typeof base === 'string' ? base : null, value, savedAt: state.updatedAt };
}

export function decideDraftRestore<T>(input: {
  stored: StoredDraft<T> | null;
  document: { sha: string | null; value: T };
  /** The user already changed the editor before the draft arrived. */
  isTouched: boolean;
  equals: (a: T, b: T) => boolean;
}): RestoreDecision<T> {
  const { stored, document } = input;
  if (!stored) return { kind: 'none' };
  if (input.equals(stored.value, document.value)) return { kind: 'drop' };
  const isOutdated = stored.baseSha256 !== document.sha;
  if (!isOutdated && !input.isTouched) return { kind: 'restore', draft: stored };
  return { kind: 'offer', draft: stored, isOutdated };
}
