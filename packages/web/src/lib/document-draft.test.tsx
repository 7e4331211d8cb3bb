import { render, waitFor } from '@solidjs/testing-library';
import { createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeUiState, stubTrpc } from '../testing/fake-trpc.ts';
import { createDocumentDraft, type DocumentDraft } from './document-draft.ts';

/** A draft of a text document whose server version the test changes through `setDocument`. */
function setup(seed: Record<string, unknown> = {}, isEditable = true) {
  const ui = fakeUiState(seed);
  const calls = stubTrpc(ui.handlers);
  const [document, setDocument] = createSignal({ sha: 'sha-1', value: 'v1' });
  let draft: DocumentDraft<string> | undefined;
  render(() => {
    draft = createDocumentDraft<string>({
      ticketId: 'DEMO-1',
      scope: 'prd-draft',
      document,
      isEditable: () => isEditable,
      equals: (a, b) => a === b,
      readValue: (value) => (typeof value === 'string' ? value : null),
      debounceMs: 10,
    });
    return null;
  });
  if (!draft) throw new Error('the draft was not created');
  return { draft, store: ui.store, calls, setDocument };
}

afterEach(() => vi.unstubAllGlobals());

describe('createDocumentDraft', () => {
  it('autosaves edits after a pause, with the hash of the version they were made from', async () => {
    const { draft, store } = setup();
    draft.edit('v1 edited');
    draft.edit('v1 edited twice');
    expect(draft.status().kind).toBe('unsaved');
    await waitFor(() => expect(draft.status().kind).toBe('saved'));
    expect(store.get('prd-draft')).toEqual({ baseSha256: 'sha-1', value: 'v1 edited twice' });
    expect(draft.value()).toBe('v1 edited twice');
    expect(draft.isDirty()).toBe(true);
  });

  it('clears the stored draft when the edits are undone by hand', async () => {
    const { draft, store } = setup();
    draft.edit('v1 edited');
    await waitFor(() => expect(store.get('prd-draft')).toMatchObject({ value: 'v1 edited' }));
    draft.edit('v1');
    await waitFor(() => expect(store.get('prd-draft')).toEqual({}));
    expect(draft.status().kind).toBe('clean');
  });

  it('sets an edit aside, flagged outdated, when the document changes under it', async () => {
    const { draft, store, setDocument } = setup();
    draft.edit('my edit of v1');
    setDocument({ sha: 'sha-2', value: 'v2 from Fix gaps' });
    expect(draft.value()).toBe('v2 from Fix gaps');
    expect(draft.notice()).toMatchObject({ kind: 'offered', isOutdated: true });
    // the edit is still stored, against the version it was made from
    await waitFor(() => expect(store.get('prd-draft')).toEqual({ baseSha256: 'sha-1', value: 'my edit of v1' }));
    draft.restore();
    expect(draft.value()).toBe('my edit of v1');
    await waitFor(() => expect(store.get('prd-draft')).toEqual({ baseSha256: 'sha-2', value: 'my edit of v1' }));
  });

  it('commits through Save, then clears the draft; a refused Save keeps it', async () => {
    const { draft, store } = setup();
    draft.edit('v1 edited');
    await expect(draft.commit(async () => Promise.reject(new Error('invalid YAML')))).rejects.toThrow('invalid YAML');
    expect(draft.value()).toBe('v1 edited');
    await waitFor(() => expect(store.get('prd-draft')).toMatchObject({ value: 'v1 edited' }));
    const saved: string[] = [];
    await draft.commit(async (value) => saved.push(value));
    expect(saved).toEqual(['v1 edited']);
    expect(store.get('prd-draft')).toEqual({});
    expect(draft.isDirty()).toBe(false);
  });

  it('reads no draft while the document cannot be edited', async () => {
    const { calls } = setup({ 'prd-draft': { baseSha256: 'sha-1', value: 'old edit' } }, false);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
  });

  it('writes a pending draft at once when the editor goes away', async () => {
    const ui = fakeUiState();
    stubTrpc(ui.handlers);
    createRoot((dispose) => {
      const draft = createDocumentDraft<string>({
        ticketId: 'DEMO-1',
        scope: 'prd-draft',
        document: () => ({ sha: 'sha-1', value: 'v1' }),
        isEditable: () => false,
        equals: (a, b) => a === b,
        readValue: () => null,
        debounceMs: 60_000,
      });
      draft.edit('typed just before leaving');
      dispose();
    });
    await waitFor(() => expect(ui.store.get('prd-draft')).toMatchObject({ value: 'typed just before leaving' }));
  });
});
