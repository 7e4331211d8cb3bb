import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { makeBead, makeBeadsView } from '../testing/make-bead.ts';
import { CodingPanel } from './coding-panel.tsx';

const MIN = 60_000;
const minutesAgo = (m: number) => new Date(Date.now() - m * MIN).toISOString();
const note = (iteration: number, content: string) => ({ timestamp: minutesAgo(5), iteration, content });
const beadPatch =
  'diff --git a/src/one.js b/src/one.js\nindex 1..2 100644\n--- a/src/one.js\n+++ b/src/one.js\n@@ -1 +1,2 @@\n-old\n+new\n+more';

function renderPanel(options: { paused?: boolean } = {}) {
  const startedAt = minutesAgo(4);
  const calls = stubTrpc({
    'beads.get': () => ({
      data: makeBeadsView([
        makeBead('one', [], { status: 'done' }),
        makeBead('two', [], {
          status: 'in_progress',
          iteration: 2,
          startedAt,
          updatedAt: startedAt,
          failedIterationNotes: [note(1, 'The test for two still failed: expected 3, got 4.')],
        }),
        makeBead('three'),
      ]),
    }),
    'progress.beads': () => ({
      data: {
        ticketId: 'DEMO-1',
        status: options.paused ? 'BLOCKED_ERROR' : 'CODING',
        completed: 1,
        total: 3,
        current: {
          id: 'two',
          title: 'Title of two',
          status: 'in_progress',
          position: 2,
          iteration: 2,
          maxIterations: 5,
          startedAt,
          updatedAt: startedAt,
        },
        anchor: startedAt,
        paused: options.paused ?? false,
        eta: {
          bestMs: 6 * MIN,
          likelyMs: 16 * MIN,
          worstMs: 36 * MIN,
          basis: 'current_run',
          samples: 1,
          perBead: { bestMs: 5 * MIN, likelyMs: 10 * MIN, worstMs: 20 * MIN },
        },
        implementationMs: 10 * MIN,
      },
    }),
    'diffs.bead': (input) =>
      (input as { beadId: string }).beadId === 'one'
        ? {
            data: {
              id: 3,
              ticketId: 'DEMO-1',
              phase: 'CODING',
              phaseAttempt: 1,
              artifactType: 'bead_diff:one',
              filePath: null,
              content: beadPatch,
              contentSha256: 'x',
              createdAt: minutesAgo(9),
              updatedAt: minutesAgo(9),
              beadId: 'one',
              files: [{ path: 'src/one.js', oldPath: null, status: 'M', additions: 2, deletions: 1, binary: false }],
              additions: 2,
              deletions: 1,
            },
          }
        : { error: 'Diff for bead two not found', kind: 'not_found', status: 404 },
    'diffs.ticket': () => ({
      data: {
        ticketId: 'DEMO-1',
        baseBranch: 'main',
        mergeBase: 'a'.repeat(40),
        head: 'b'.repeat(40),
        content: beadPatch,
        truncated: false,
        source: 'worktree',
        files: [{ path: 'src/one.js', oldPath: null, status: 'M', additions: 2, deletions: 1, binary: false }],
        additions: 2,
        deletions: 1,
      },
    }),
  });
  render(() => (
    <QueryClientProvider client={new QueryClient()}>
      <CodingPanel ticketId="DEMO-1" />
    </QueryClientProvider>
  ));
  return calls;
}

const beadRow = (id: string) => {
  const row = document.querySelector(`[data-bead="${id}"]`);
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${id}`);
  return row;
};

afterEach(() => vi.unstubAllGlobals());

describe('CodingPanel (workflow.md §10.6)', () => {
  it('lists every bead with its status, iteration k of N and the countdown of the bead in progress', async () => {
    renderPanel();
    await screen.findByText('Title of three');
    expect(['one', 'two', 'three'].map((id) => beadRow(id).dataset.beadStatus)).toEqual([
      'done',
      'in_progress',
      'pending',
    ]);
    const two = within(beadRow('two'));
    expect(two.getByTestId('bead-iteration').textContent).toBe('iteration 2 of 5');
    // 10 minutes likely per bead, 4 already spent.
    expect((await two.findByTestId('bead-countdown')).textContent).toBe('~6m left');
    expect(two.getByText('1 failed')).toBeTruthy();
    expect(screen.getByTestId('implementation-time').textContent).toContain(': 10m');
    expect((await screen.findAllByTestId('bead-eta'))[0]?.textContent).toContain('1/3 beads · ETA ~12m (2m–32m)');
  });

  it('stops the countdown while the ticket is blocked', async () => {
    renderPanel({ paused: true });
    await screen.findByText('Title of two');
    expect((await within(beadRow('two')).findByTestId('bead-countdown')).textContent).toBe('paused, ~10m left');
    expect((await screen.findAllByTestId('bead-eta'))[0]?.textContent).toContain('ETA paused at ~16m (6m–36m)');
  });

  it("opens a bead's failed-iteration notes and its diff, or says it has none yet", async () => {
    renderPanel();
    fireEvent.click(await screen.findByText('Title of two'));
    expect((await screen.findByTestId('failed-notes')).textContent).toContain('expected 3, got 4');
    await waitFor(() => expect(screen.getByTestId('bead-diff-missing').textContent).toContain('No diff captured yet'));
    fireEvent.click(screen.getByText('Title of one'));
    expect((await screen.findByTestId('diff-totals')).textContent).toBe('1 file changed, +2 −1');
    const file = within(beadRow('one')).getByText('src/one.js').closest('li');
    expect(file?.querySelector('.diff-add')?.textContent).toBe('+new');
    expect(file?.querySelector('.diff-del')?.textContent).toBe('-old');
  });

  it("shows the ticket's net diff in its own tab", async () => {
    const calls = renderPanel();
    fireEvent.click(await screen.findByRole('tab', { name: 'Net diff' }));
    const net = await screen.findByTestId('ticket-diff');
    expect(net.textContent).toContain('main');
    expect(within(net).getByTestId('diff-totals').textContent).toBe('1 file changed, +2 −1');
    expect(calls.some((c) => c.path === 'diffs.ticket')).toBe(true);
  });
});
