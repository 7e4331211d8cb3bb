// The autosave of an approval gate's unsaved edits (workflow.md §4.7 "autosave draft … does NOT change the
// authoritative artifact"; §16.7 "autosave with a visible state and last-save time"). Pure: the timers and the
// ui-state writes live in lib/document-draft.ts.

export interface AutosaveState {
  /** Bumped by every local change of what should be stored (an edit, a discard, a restore). */
  revision: number;
  /** The latest revision the server has stored. */
  savedRevision: number;
  /** The revision a running write carries, or null. */
  writingRevision: number | null;
  /** Server time of the last successful write. */
  savedAt: string | null;
  /** Whether the last successful write stored a draft (rather than clearing it). */
  hasStoredDraft: boolean;
  /** Why the last write failed; cleared by the next success. */
  error: string | null;
}

export type AutosaveEvent =
  | { type: 'changed' }
  | { type: 'write-started'; revision: number }
  | { type: 'write-succeeded'; revision: number; savedAt: string | null; hasDraft: boolean }
  | { type: 'write-failed'; revision: number; message: string }
  /** A stored draft was loaded into the editor: what the server holds is what the editor shows. */
  | { type: 'restored'; savedAt: string | null };

export type AutosaveStatus =
  | { kind: 'clean' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt: string | null }
  | { kind: 'failed'; message: string };

export const initialAutosave: AutosaveState = {
  revision: 0,
  savedRevision: 0,
  writingRevision: null,
  savedAt: null,
  hasStoredDraft: false,
  error: null,
};

export function reduceAutosave(state: AutosaveState, event: AutosaveEvent): AutosaveState {
  switch (event.type) {
    case 'changed':
      return { ...state, revision: state.revision + 1 };
    case 'write-started':
      return { ...state, writingRevision: event.revision };
    case 'write-succeeded':
      return {
        ...state,
        writingRevision: null,
        // writes run one at a time, but a late answer must never mark a newer edit as stored
        savedRevision: Math.max(state.savedRevision, event.revision),
        savedAt: event.savedAt,
        hasStoredDraft: event.hasDraft,
        error: null,
      };
    case 'write-failed':
      return { ...state, writingRevision: null, error: event.message };
    case 'restored':
      return { ...state, savedRevision: state.revision, savedAt: event.savedAt, hasStoredDraft: true, error: null };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** True when the server holds an older state than the editor and no write is running. */
export const needsWrite = (state: AutosaveState) =>
  state.revision > state.savedRevision && state.writingRevision === null;

export function autosaveStatus(state: AutosaveState): AutosaveStatus {
  if (state.writingRevision !== null) return { kind: 'saving' };
  if (state.revision > state.savedRevision) {
    return state.error === null ? { kind: 'unsaved' } : { kind: 'failed', message: state.error };
  }
  return state.hasStoredDraft ? { kind: 'saved', savedAt: state.savedAt } : { kind: 'clean' };
}

/** `2026-11-29T12:03:04.000Z` → `12:03:04` in the browser's time zone (24-hour clock). */
export function clockTime(iso: string | null): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** What the status line says ("" when there is nothing to say). */
export function autosaveText(status: AutosaveStatus): string {
  switch (status.kind) {
    case 'clean':
      return '';
    case 'unsaved':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Draft saved ${clockTime(status.savedAt)}`.trim();
    case 'failed':
      return `Draft not saved (${status.message}) — retrying`;
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}
