import { createEffect, createSignal, on, onCleanup, untrack } from 'solid-js';
import { type AutosaveEvent, autosaveStatus, initialAutosave, needsWrite, reduceAutosave } from '../state/autosave.ts';
import { decideDraftRestore, readStoredDraft, type StoredDraft } from '../state/draft-restore.ts';
import { api, CLEARED_UI_STATE, errorMessage } from './trpc.ts';

/** The server's version of the document an editor works on. */
export interface DraftBase<T> {
  sha: string | null;
  value: T;
}

/** What the editor tells the user about a stored draft. */
export interface DraftNotice {
  /** `restored`: the draft is in the editor. `offered`: it waits for Restore or Discard. */
  kind: 'restored' | 'offered';
  savedAt: string | null;
  /** The draft was made from an older version of the document than the one the server holds now. */
  isOutdated: boolean;
}

export interface DocumentDraftOptions<T> {
  ticketId: string;
  /** The ui-state scope (`prd-draft`, `beads-draft`…). */
  scope: string;
  document: () => DraftBase<T>;
  /** Drafts are read and written only while the document can be edited. */
  isEditable: () => boolean;
  equals: (a: T, b: T) => boolean;
  /** A stored draft value (foreign data) → the value, or null when it is not usable. */
  readValue: (value: unknown) => T | null;
  debounceMs?: number;
}

const MAX_WAIT_MS = 5_000;
const RETRY_MS = 5_000;

type Edit<T> = { value: T; baseSha: string | null };

/**
 * The unsaved edits of an approval editor (workflow.md §4.7): kept in the browser, autosaved (debounced) to the
 * ticket's ui-state as `{ baseSha256, value }` — never to the document itself — and restored after a reload. Only an
 * explicit `commit` (Save) writes the document, and it clears the draft.
 *
 * When the document changes under an edit (Fix gaps with AI, a Save elsewhere), the edit is not laid over the new
 * version: it is kept as an offered draft, flagged as based on an older version.
 */
export function createDocumentDraft<T>(options: DocumentDraftOptions<T>) {
  const debounceMs = options.debounceMs ?? 800;
  const [edit, setEdit] = createSignal<Edit<T> | null>(null);
  const [offer, setOffer] = createSignal<StoredDraft<T> | null>(null);
  const [notice, setNotice] = createSignal<DraftNotice | null>(null);
  const [state, setState] = createSignal(initialAutosave);
  const [isCommitting, setCommitting] = createSignal(false);
  const dispatch = (event: AutosaveEvent) => setState((s) => reduceAutosave(s, event));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSinceMs: number | null = null;
  let writes: Promise<void> = Promise.resolve();
  let hasLoaded = false;

  // What the server should hold: the edit, else an offered draft the user has not decided on, else nothing.
  const stored = (): StoredDraft<T> | null => {
    const current = edit();
    if (current) return { baseSha256: current.baseSha, value: current.value, savedAt: null };
    return offer();
  };

  const writeOnce = async () => {
    const s = state();
    if (!needsWrite(s)) return;
    const draft = stored();
    const data = draft ? { baseSha256: draft.baseSha256, value: draft.value } : CLEARED_UI_STATE;
    dispatch({ type: 'write-started', revision: s.revision });
    try {
      const saved = await api.tickets.putUiState.mutate({ id: options.ticketId, scope: options.scope, data });
      dispatch({ type: 'write-succeeded', revision: s.revision, savedAt: saved.updatedAt, hasDraft: draft !== null });
    } catch (err) {
      dispatch({ type: 'write-failed', revision: s.revision, message: errorMessage(err) });
      schedule(RETRY_MS);
    }
  };

  // Writes run one after the other, so an older draft never lands after a newer one (or after a clear).
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    pendingSinceMs = null;
    writes = writes.then(writeOnce);
    return writes;
  };

  function schedule(delayMs = debounceMs) {
    clearTimeout(timer);
    const now = Date.now();
    pendingSinceMs ??= now;
    // Debounced, but never longer than MAX_WAIT_MS behind a user who keeps typing.
    timer = setTimeout(() => void flush(), Math.max(0, Math.min(delayMs, pendingSinceMs + MAX_WAIT_MS - now)));
  }

  const changed = (immediately = false) => {
    dispatch({ type: 'changed' });
    if (immediately) void flush();
    else schedule();
  };

  const load = async () => {
    hasLoaded = true;
    const answer = await api.tickets.uiState.query({ id: options.ticketId, scope: options.scope }).catch(() => null);
    if (!answer) return; // best effort: the editor works without its draft
    const doc = untrack(options.document);
    const decision = decideDraftRestore({
      stored: readStoredDraft(answer, options.readValue),
      document: doc,
      isTouched: untrack(edit) !== null,
      equals: options.equals,
    });
    switch (decision.kind) {
      case 'none':
        return;
      case 'drop':
        if (untrack(edit) === null) changed(true);
        return;
      case 'restore':
        setEdit({ value: decision.draft.value, baseSha: doc.sha });
        setNotice({ kind: 'restored', savedAt: decision.draft.savedAt, isOutdated: false });
        dispatch({ type: 'changed' });
        dispatch({ type: 'restored', savedAt: decision.draft.savedAt });
        return;
      case 'offer':
        setOffer(decision.draft);
        setNotice({ kind: 'offered', savedAt: decision.draft.savedAt, isOutdated: decision.isOutdated });
        return;
      default: {
        const unhandled: never = decision;
        return unhandled;
      }
    }
  };

  createEffect(() => {
    if (options.isEditable() && !hasLoaded) void load();
  });

  // The document changed under an edit it was not made from: keep the edit, as an offer flagged outdated.
  createEffect(
    on(
      () => options.document().sha,
      (sha) => {
        const current = untrack(edit);
        if (!current || current.baseSha === sha || untrack(isCommitting)) return;
        const savedAt = untrack(state).savedAt;
        setOffer({ baseSha256: current.baseSha, value: current.value, savedAt });
        setNotice({ kind: 'offered', savedAt, isOutdated: true });
        setEdit(null);
        changed(true);
      },
      { defer: true },
    ),
  );

  // Leaving the page (or the component) writes a pending draft at once rather than dropping it.
  const flushPending = () => {
    if (timer !== undefined) void flush();
  };
  const onHidden = () => document.visibilityState === 'hidden' && flushPending();
  window.addEventListener('pagehide', flushPending);
  document.addEventListener('visibilitychange', onHidden);
  onCleanup(() => {
    window.removeEventListener('pagehide', flushPending);
    document.removeEventListener('visibilitychange', onHidden);
    flushPending();
  });

  const value = () => edit()?.value ?? options.document().value;

  return {
    value,
    isDirty: () => {
      const current = edit();
      return current !== null && !options.equals(current.value, options.document().value);
    },
    isCommitting,
    notice,
    status: () => autosaveStatus(state()),
    /** The editor changed: keep it locally and autosave it (an edit back to the document clears the draft). */
    edit(next: T) {
      const doc = options.document();
      const current = edit();
      setEdit(options.equals(next, doc.value) ? null : { value: next, baseSha: current?.baseSha ?? doc.sha });
      changed();
    },
    /** Take the offered draft into the editor; it now counts as an edit of the current version. */
    restore() {
      const draft = offer();
      if (!draft) return;
      setEdit({ value: draft.value, baseSha: options.document().sha });
      setOffer(null);
      setNotice({ kind: 'restored', savedAt: draft.savedAt, isOutdated: draft.baseSha256 !== options.document().sha });
      changed(true);
    },
    /** Back to the server's document; the stored draft is cleared. */
    async discard() {
      setEdit(null);
      setOffer(null);
      setNotice(null);
      changed(true);
      await writes;
    },
    /**
     * Explicit Save: `save` writes the document; on success the draft is cleared. A failed save keeps the edit and
     * its autosave (the caller shows the error).
     */
    async commit(save: (value: T) => Promise<unknown>) {
      const current = edit();
      if (!current) return;
      clearTimeout(timer);
      timer = undefined;
      setCommitting(true);
      try {
        await writes;
        await save(current.value);
        setEdit(null);
        setOffer(null);
        setNotice(null);
        changed(true);
        await writes;
      } catch (err) {
        if (state().revision > state().savedRevision) schedule();
        throw err;
      } finally {
        setCommitting(false);
      }
    },
  };
}

export type DocumentDraft<T> = ReturnType<typeof createDocumentDraft<T>>;
