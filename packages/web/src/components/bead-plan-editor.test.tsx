import { fireEvent, render, screen, within } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BeadsView } from '../lib/trpc.ts';
import { makeBead, makeBeadsView } from '../testing/make-bead.ts';
import { BeadPlanEditor } from './bead-plan-editor.tsx';

/** Stand in for the server: answer every tRPC call with `body` and record what was sent. */
function stubServer(body: unknown, status = 200) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const plan = () => makeBeadsView([makeBead('store'), makeBead('login', ['store']), makeBead('sso', ['login'])]);
const card = (id: string) => {
  const element = document.querySelector(`[data-bead="${id}"]`);
  if (!(element instanceof HTMLElement)) throw new Error(`no card for ${id}`);
  return element;
};
const order = () => [...document.querySelectorAll('.bead-list [data-bead]')].map((e) => e.getAttribute('data-bead'));

function renderEditor(view: BeadsView = plan()) {
  const dirty: boolean[] = [];
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <BeadPlanEditor view={view} onDirty={(d) => dirty.push(d)} />
    </QueryClientProvider>
  ));
  return dirty;
}

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

  it('reorders beads and reports unsaved changes', () => {
    const dirty = renderEditor();
    fireEvent.click(screen.getByLabelText('Move sso up'));
    expect(order()).toEqual(['store', 'sso', 'login']);
    expect(dirty.at(-1)).toBe(true);
    fireEvent.click(screen.getByText('Discard'));
    expect(order()).toEqual(['store', 'login', 'sso']);
    expect(dirty.at(-1)).toBe(false);
  });

  it('saves the edited plan and shows a refused cycle on the beads it names', async () => {
    const cycle = 'Dependency cycle: store → sso → login → store';
    const calls = stubServer(
      {
        error: {
          error: `The bead plan is invalid: ${cycle}`,
          kind: 'invalid_input',
          details: {
            issues: ['store', 'login', 'sso'].map((beadId) => ({
              beadId,
              field: 'dependencies.blocked_by',
              message: cycle,
            })),
          },
          message: 'invalid',
          code: -32600,
          data: {},
        },
      },
      400,
    );
    renderEditor();
    fireEvent.click(within(card('store')).getByText('Edit'));
    fireEvent.input(screen.getByLabelText('Title of store'), { target: { value: 'Session store' } });
    fireEvent.click(screen.getByLabelText('store is blocked by sso'));
    expect(card('store').textContent).toContain('in a dependency cycle');
    fireEvent.click(screen.getByText('Save plan'));
    await screen.findByTestId('beads-save-error');
    expect(calls[0]?.url).toContain('/trpc/beads.put');
    const sent = calls[0]?.body as { beads: { id: string; title: string; dependencies: { blocked_by: string[] } }[] };
    expect(sent).toMatchObject({ id: 'DEMO-1', expectedContentSha256: 'sha-loaded' });
    expect(sent.beads[0]).toMatchObject({ title: 'Session store', dependencies: { blocked_by: ['sso'] } });
    for (const id of ['store', 'login', 'sso'])
      expect(within(card(id)).getByTestId(`issues-${id}`).textContent).toContain(cycle);
  });

  it('is read-only once the plan is no longer editable', () => {
    renderEditor(makeBeadsView([makeBead('store')], { editable: false }));
    expect(screen.queryByText('Edit')).toBeNull();
    expect(screen.queryByText('Save plan')).toBeNull();
  });
});
