import type { AppRouter } from '@looptroop/core';
import { createTempRepo, type TempRepo } from '@looptroop/testkit';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './cli-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** The server's own procedures, to change a ticket behind the CLI's back (dev-event with the process token). */
const api = (url: string, headers: Record<string, string> = {}) =>
  createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers })] });
const devEvents = (server: TestServer) =>
  api(server.url, { 'x-looptroop-dev-event-token': server.server.devEventToken ?? '' }).ticketActions.devEvent;

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('looptroop logs', () => {
  let server: TestServer;
  let repo: TempRepo;
  let projectId: number;
  const newTicket = async (title: string) => (await api(server.url).tickets.create.mutate({ projectId, title })).id;
  beforeAll(async () => {
    [server, repo] = await Promise.all([startTestServer({ env: { LOOPTROOP_DEV_EVENTS: '1' } }), createTempRepo()]);
    const project = await api(server.url).projects.create.mutate({
      name: 'Logs',
      shortname: 'LOGS',
      folderPath: repo.dir,
    });
    projectId = project.id;
  });
  afterAll(async () => {
    await server?.close();
    await repo?.cleanup();
  });

  it('prints the stored state changes of a ticket and exits', async () => {
    const id = await newTicket('Replay me');
    await api(server.url).ticketActions.cancel.mutate({ id, deleteContent: false, deleteLog: false });
    const [text, json] = await Promise.all([
      runCli(['logs', id, '--url', server.url]),
      runCli(['logs', id, '--url', server.url, '--json']),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^\d\d:\d\d:\d\d \[STATE\] DRAFT → CANCELED$/m);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events).toContainEqual({
      id: expect.any(Number),
      type: 'state_change',
      data: expect.objectContaining({ ticketId: id, from: 'DRAFT', to: 'CANCELED' }),
    });
  });

  it('exits 1 for a ticket the server does not know', async () => {
    const result = await runCli(['logs', 'LOGS-404', '--url', server.url, '--follow']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Ticket not found');
  });

  it('with --follow, prints a live state change as it happens and stops cleanly on SIGTERM', async () => {
    const id = await newTicket('Follow me');
    const follow = spawnCli(['logs', id, '--follow', '--url', server.url]);
    await follow.waitFor('stderr', /Following/);
    expect(follow.stdout()).not.toContain('CANCELED');
    await api(server.url).ticketActions.cancel.mutate({ id, deleteContent: false, deleteLog: false });
    await follow.waitFor('stdout', /\[STATE\] DRAFT → CANCELED/);
    follow.child.kill('SIGTERM');
    expect(await follow.exited).toBe(0);
  });

  it('with --follow, reconnects after the server restarts and resumes after the last event it printed', async () => {
    const id = await newTicket('Survive a restart');
    const follow = spawnCli(['logs', id, '--follow', '--url', server.url]);
    try {
      await follow.waitFor('stderr', /Following/);
      await devEvents(server).mutate({ id, type: 'INIT_FAILED' });
      await follow.waitFor('stdout', /DRAFT → BLOCKED_ERROR/);

      await server.restart({
        beforeStart: () => follow.waitFor('stderr', /Stream lost .*reconnecting after event \d+/),
      });
      await api(server.url).ticketActions.cancel.mutate({ id, deleteContent: false, deleteLog: false });
      await follow.waitFor('stdout', /BLOCKED_ERROR → CANCELED/);
      // Resumed with lastEventId: the event from before the drop is not replayed a second time.
      expect(occurrences(follow.stdout(), 'DRAFT → BLOCKED_ERROR')).toBe(1);
    } finally {
      follow.child.kill('SIGTERM');
      await follow.exited;
    }
  });
});
