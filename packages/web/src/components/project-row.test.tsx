import { fireEvent, render, screen } from '@solidjs/testing-library';
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '../lib/trpc.ts';
import { stubTrpc } from '../testing/fake-trpc.ts';
import { ProjectRow } from './project-row.tsx';

const project: Project = {
  id: 3,
  name: 'App',
  shortname: 'APP',
  folderPath: '/work/app',
  icon: 'A',
  color: '#336699',
  profileId: null,
  originUrl: null,
  remoteKind: 'none',
  githubRepoSlug: null,
  ticketCounter: 2,
  ticketCount: 2,
  activeTicketCount: 0,
  councilMembers: null,
  maxIterations: null,
  perIterationTimeout: null,
  executionSetupTimeout: null,
  councilResponseTimeout: null,
  minCouncilQuorum: null,
  interviewQuestions: null,
  manualQaOverride: null,
  gitHookPolicy: null,
  ignoreMode: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('ProjectRow: Clean worktrees (workflow.md §10.12)', () => {
  it('asks first, then deletes the finished tickets’ worktrees and says what went and what could not', async () => {
    const calls = stubTrpc({
      'projects.deleteWorktrees': () => ({
        data: {
          removed: [{ ticketId: 'APP-1', path: '/work/app/.looptroop/worktrees/APP-1' }],
          failed: [{ ticketId: 'APP-2', path: '/work/app/.looptroop/worktrees/APP-2', error: 'EBUSY' }],
        },
      }),
      'projects.list': () => ({ data: [project] }),
      'tickets.list': () => ({ data: [] }),
    });
    render(() => (
      <QueryClientProvider client={new QueryClient()}>
        <ProjectRow project={project} />
      </QueryClientProvider>
    ));
    fireEvent.click(screen.getByRole('button', { name: 'Clean worktrees' }));
    expect(calls.filter((c) => c.path === 'projects.deleteWorktrees')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete worktrees' }));
    expect((await screen.findByTestId('worktree-sweep')).textContent).toBe(
      'Removed 1 worktree(s). Could not remove APP-2: EBUSY',
    );
    expect(calls.filter((c) => c.path === 'projects.deleteWorktrees').map((c) => c.input)).toEqual([{ id: 3 }]);
  });
});
