import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocumentDraft } from '../lib/document-draft.ts';
import type { Bead, BeadsView } from '../lib/trpc.ts';
import { isPlanChanged, readDraftBeads } from '../state/bead-plan-edit.ts';
import { type FakeAnswer, fakeUiState, stubTrpc } from '../testing/fake-trpc.ts';
import { makeBead, makeBeadsView } from '../testing/make-bead.ts';
import { BeadPlanEditor } from './bead-plan-editor.tsx';
import { DraftNotice } from './draft-notice.tsx';

const plan = () => makeBeadsView([makeBead('store'), makeBead('login', ['store']), makeBead('sso', ['login'])]);
const card = (id: string) => {
  const element = document.querySelector(`[data-bead="${id}"]`);
  if (!(element instanceof HTMLElement)) throw new Error(`no card for ${id}`);
  return element;
};
const order = () => [...document.querySelectorAll('.bead-list [data-bead]')].map((e) => e.getAttribute('data-bead'));

/** The editor with its draft, over a fake server holding `seed` in ui-state; `put` answers `beads.put`. */
function renderEditor(view: BeadsView = plan(), options: { seed?: Record<string, unknown>; put?: FakeAnswer } = {}) {
  const ui = fakeUiState(options.seed);
  const calls = stubTrpc({ ...ui.handlers, 'beads.put': () => options.put ?? { data: view } });
  render(() => {
    const draft = createDocumentDraft<Bead[]>({
      ticketId: view.ticketId,
      scope: 'beads-draft',
      document: () => ({ sha: view.contentSha256, value: view.beads }),
      isEditable: () => view.editable,
      equals: (a, b) => !isPlanChanged(a, b),
      readValue: (value) => readDraftBeads<Bead>(value),
      debounceMs: 10,
    });
    return (
      <QueryClientProvider client={new QueryClient()}>
        <DraftNotice
          notice={draft.notice()}
          what="the bead plan"
          onRestore={() => draft.restore()}
          onDiscard={() => void draft.discard()}
        />
        <BeadPlanEditor view={view} draft={draft} />
      </QueryClientProvider>
    );
  });
  return { calls, store: ui.store };
}
const autosave = () => screen.getByTestId('autosave');

afterEach(() => vi.unstubAllGlobals());

describe('BeadPlanEditor', () => {
  it('shows each bead with its commands or no-command reason and its dependency chain', () => {
    const view = makeBeadsView([
      makeBead('store'),
      makeBead('login', ['store']),
      makeBead('sso', ['login'], { testCommands: [], testCommandReason: 'Covered by the login tests' }),
    ]);
    renderEditor(view);
    expect(order()).toEqual(['store', 'login', 'sso']);
    expect(within(card('sso')).getByTestId('commands-sso').textContent).toContain(
      'No command: Covered by the login tests',
    );
    expect(within(card('store')).getByTestId('deps-store').textContent).toContain('Blocks: login');
    expect(within(card('sso')).getByTestId('deps-sso').textContent).toContain('Chain: store → login → sso');
    const graph = [...document.querySelectorAll<HTMLElement>('[data-graph-bead]')];
    expect(graph.map((li) => li.style.paddingLeft)).toEqual(['0rem', '1.5rem', '3rem']);
  });

  it('reorders beads and autosaves the edit as a draft, never as the plan', async () => {
    const { calls, store } = renderEditor();
    fireEvent.click(screen.getByLabelText('Move sso up'));
    expect(order()).toEqual(['store', 'sso', 'login']);
    expect(autosave().textContent).toBe('Unsaved changes');
    await waitFor(() => expect(autosave().textContent).toMatch(/^Draft saved \d\d:\d\d:\d\d$/));
    const stored = store.get('beads-draft') as { baseSha256: string; value: Bead[] };
    expect(stored.baseSha256).toBe('sha-loaded');
    expect(stored.value.map((b) => b.id)).toEqual(['store', 'sso', 'login']);
    expect(calls.some((c) => c.path === 'beads.put')).toBe(false);
    fireEvent.click(screen.getByText('Discard'));
    expect(order()).toEqual(['store', 'login', 'sso']);
    await waitFor(() => expect(store.get('beads-draft')).toEqual({}));
  });

  it('restores the draft of this version after a reload, with a notice and Discard', async () => {
    const draft = [makeBead('sso', ['login']), makeBead('store'), makeBead('login', ['store'])];
    const { store } = renderEditor(plan(), { seed: { 'beads-draft': { baseSha256: 'sha-loaded', value: draft } } });
    const notice = await screen.findByTestId('draft-notice');
    expect(notice.textContent).toMatch(/Restored your unsaved draft from \d\d:\d\d:\d\d/);
    expect(order()).toEqual(['sso', 'store', 'login']);
    expect(autosave().textContent).toMatch(/^Draft saved/);
    fireEvent.click(within(notice).getByText('Discard draft'));
    expect(order()).toEqual(['store', 'login', 'sso']);
    await waitFor(() => expect(store.get('beads-draft')).toEqual({}));
    expect(screen.queryByTestId('draft-notice')).toBeNull();
  });

  it('offers a draft of an older plan without applying it, flagged as such', async () => {
    const draft = [makeBead('login'), makeBead('store')];
    renderEditor(plan(), { seed: { 'beads-draft': { baseSha256: 'sha-older', value: draft } } });
    const notice = await screen.findByTestId('draft-notice');
    expect(notice.dataset.outdated).toBe('true');
    expect(notice.textContent).toContain('based on an older version of the bead plan');
    expect(order()).toEqual(['store', 'login', 'sso']);
    fireEvent.click(within(notice).getByText('Restore draft'));
    expect(order()).toEqual(['login', 'store']);
    expect(screen.getByTestId('draft-notice').textContent).toContain('check it against the current version');
  });

  it('saves the edited plan and shows a refused cycle on the beads it names', async () => {
    const cycle = 'Dependency cycle: store → sso → login → store';
    const { calls, store } = renderEditor(plan(), {
      put: {
        error: `The bead plan is invalid: ${cycle}`,
        kind: 'invalid_input',
        status: 400,
        details: {
          issues: ['store', 'login', 'sso'].map((beadId) => ({
            beadId,
            field: 'dependencies.blocked_by',
            message: cycle,
          })),
        },
      },
    });
    fireEvent.click(within(card('store')).getByText('Edit'));
    fireEvent.input(screen.getByLabelText('Title of store'), { target: { value: 'Session store' } });
    fireEvent.click(screen.getByLabelText('store is blocked by sso'));
    expect(card('store').textContent).toContain('in a dependency cycle');
    fireEvent.click(screen.getByText('Save plan'));
    await screen.findByTestId('beads-save-error');
    const put = calls.find((c) => c.path === 'beads.put');
    const sent = put?.input as { beads: { id: string; title: string; dependencies: { blocked_by: string[] } }[] };
    expect(sent).toMatchObject({ id: 'DEMO-1', expectedContentSha256: 'sha-loaded' });
    expect(sent.beads[0]).toMatchObject({ title: 'Session store', dependencies: { blocked_by: ['sso'] } });
    for (const id of ['store', 'login', 'sso'])
      expect(within(card(id)).getByTestId(`issues-${id}`).textContent).toContain(cycle);
    // the refused edit is not lost: it stays autosaved as a draft
    await waitFor(() => expect(store.get('beads-draft')).toMatchObject({ baseSha256: 'sha-loaded' }));
  });

  it('clears the draft once Save has written the plan', async () => {
    const { calls, store } = renderEditor();
    fireEvent.click(screen.getByLabelText('Move sso up'));
    await waitFor(() => expect(store.get('beads-draft')).not.toBeUndefined());
    fireEvent.click(screen.getByText('Save plan'));
    await waitFor(() => expect(store.get('beads-draft')).toEqual({}));
    const paths = calls.map((c) => c.path).filter((p) => p !== 'tickets.uiState');
    expect(paths.slice(-2)).toEqual(['beads.put', 'tickets.putUiState']);
  });

  it('is read-only once the plan is no longer editable', () => {
    const { calls } = renderEditor(makeBeadsView([makeBead('store')], { editable: false }));
    expect(calls).toEqual([]); // no draft is read for a plan nobody can edit
    expect(screen.queryByText('Edit')).toBeNull();
    expect(screen.queryByText('Save plan')).toBeNull();
  });
});
