import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { NewTicketDialog } from './components/new-ticket-dialog.tsx';
import { ProjectsDialog } from './components/projects-dialog.tsx';
import { SettingsDialog } from './components/settings-dialog.tsx';
import { keys } from './lib/query-client.ts';
import { currentPath, navigate, ticketRefFromPath } from './lib/router.ts';
import { api } from './lib/trpc.ts';
import { BoardPage } from './pages/board.tsx';
import { TicketPage } from './pages/ticket.tsx';

type Dialog = 'projects' | 'settings' | 'new-ticket' | null;

export function App() {
  const [dialog, setDialog] = createSignal<Dialog>(null);
  const client = useQueryClient();
  const startup = createQuery(() => ({ queryKey: keys.startup, queryFn: () => api.health.startup.query() }));
  const opencode = createQuery(() => ({
    queryKey: keys.opencode,
    queryFn: () => api.health.opencode.query(),
    refetchInterval: 15_000,
  }));
  const health = createQuery(() => ({
    queryKey: ['health'],
    queryFn: () => api.health.get.query(),
    refetchInterval: 5_000,
  }));
  const dismiss = async () => {
    await api.health.dismissRestoreNotice.mutate();
    await client.invalidateQueries({ queryKey: keys.startup });
  };
  return (
    <div class="app">
      <header class="topbar">
        <a
          class="brand"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          LoopTroop
        </a>
        <nav>
          <button type="button" onClick={() => setDialog('new-ticket')}>
            New ticket
          </button>
          <button type="button" class="secondary" onClick={() => setDialog('projects')}>
            Projects
          </button>
          <button type="button" class="secondary" onClick={() => setDialog('settings')}>
            Configuration
          </button>
        </nav>
      </header>
      <Show when={health.isError}>
        <div class="banner error" role="alert">
          The LoopTroop server is not reachable. Retrying…
        </div>
      </Show>
      <Show when={opencode.data && !opencode.data.reachable}>
        <div class="banner warn" role="status">
          OpenCode is not reachable at {opencode.data?.url}. {opencode.data?.advice}
        </div>
      </Show>
      <Show when={startup.data?.ui.restoreNotice.shouldShow}>
        <div class="banner info" role="status">
          Restored {startup.data?.storage.restoredProjectCount} project(s) from {startup.data?.storage.dbUrl}.
          <button type="button" class="ghost" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      </Show>
      <main>
        <Switch fallback={<BoardPage />}>
          <Match when={ticketRefFromPath(currentPath())}>{(ref) => <TicketPage ticketRef={ref()} />}</Match>
        </Switch>
      </main>
      <Show when={dialog() === 'projects'}>
        <ProjectsDialog onClose={() => setDialog(null)} />
      </Show>
      <Show when={dialog() === 'settings'}>
        <SettingsDialog onClose={() => setDialog(null)} />
      </Show>
      <Show when={dialog() === 'new-ticket'}>
        <NewTicketDialog onClose={() => setDialog(null)} />
      </Show>
    </div>
  );
}
