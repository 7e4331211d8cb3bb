import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage, type Project } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

const remoteText = (p: Project) =>
  p.remoteKind === 'github'
    ? `GitHub ${p.githubRepoSlug ?? ''}`
    : p.remoteKind === 'other'
      ? 'git remote'
      : 'no remote';

/** One attached project: view, edit (name, icon, color) or confirm a delete, with the server's answer in place. */
export function ProjectRow(props: { project: Project }) {
  const client = useQueryClient();
  const [mode, setMode] = createSignal<'view' | 'edit' | 'delete' | 'sweep'>('view');
  const [error, setError] = createSignal('');
  const [swept, setSwept] = createSignal('');
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      await client.invalidateQueries({ queryKey: keys.projects });
      await client.invalidateQueries({ queryKey: keys.tickets });
      setMode('view');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  // workflow.md §10.12 project action: the worktrees of COMPLETED and CANCELED tickets; branches stay.
  const sweep = () =>
    run(async () => {
      const result = await api.projects.deleteWorktrees.mutate({ id: props.project.id });
      const failed = result.failed.map((f) => `${f.ticketId}: ${f.error}`).join('; ');
      setSwept(`Removed ${result.removed.length} worktree(s).${failed ? ` Could not remove ${failed}` : ''}`);
    });
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    if (!(e.currentTarget instanceof HTMLFormElement)) return;
    const form = new FormData(e.currentTarget);
    void run(() =>
      api.projects.update.mutate({
        id: props.project.id,
        name: String(form.get('name') ?? ''),
        icon: String(form.get('icon') ?? ''),
        color: String(form.get('color') ?? ''),
      }),
    );
  };
  return (
    <li data-project={props.project.shortname}>
      <Switch>
        <Match when={mode() === 'edit'}>
          <form class="inline-form" onSubmit={save} aria-label={`Edit ${props.project.name}`}>
            <input name="icon" value={props.project.icon} maxLength={16} aria-label="Icon" class="icon-input" />
            <input name="name" value={props.project.name} maxLength={100} required aria-label="Project name" />
            <input name="color" type="color" value={props.project.color} aria-label="Color" />
            <button type="submit">Save</button>
            <button type="button" class="ghost" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        </Match>
        <Match when={mode() !== 'edit'}>
          <div class="project-line">
            <span style={{ color: props.project.color }}>{props.project.icon}</span>{' '}
            <strong>{props.project.name}</strong> <code>{props.project.shortname}</code>{' '}
            <span class="badge">{remoteText(props.project)}</span>
            <span class="muted small">
              {props.project.ticketCount} ticket(s), {props.project.activeTicketCount} active
            </span>
            <span class="spacer" />
            <Switch>
              <Match when={mode() === 'delete'}>
                <span class="small">Detach? The repository is not touched.</span>
                <button
                  type="button"
                  class="danger"
                  onClick={() => run(() => api.projects.delete.mutate({ id: props.project.id }))}
                >
                  Detach
                </button>
                <button type="button" class="ghost" onClick={() => setMode('view')}>
                  Keep
                </button>
              </Match>
              <Match when={mode() === 'sweep'}>
                <span class="small">Delete the worktrees of completed and canceled tickets? Branches stay.</span>
                <button type="button" class="danger" onClick={sweep}>
                  Delete worktrees
                </button>
                <button type="button" class="ghost" onClick={() => setMode('view')}>
                  Keep
                </button>
              </Match>
              <Match when={mode() === 'view'}>
                <button type="button" class="ghost" onClick={() => setMode('edit')}>
                  Edit
                </button>
                <button
                  type="button"
                  class="ghost"
                  onClick={() => {
                    setSwept('');
                    setMode('sweep');
                  }}
                >
                  Clean worktrees
                </button>
                <button type="button" class="ghost danger" onClick={() => setMode('delete')}>
                  Delete
                </button>
              </Match>
            </Switch>
          </div>
          <div class="muted small path">{props.project.folderPath}</div>
        </Match>
      </Switch>
      <Show when={swept()}>
        <p class="muted small" role="status" data-testid="worktree-sweep">
          {swept()}
        </p>
      </Show>
      <FormError message={error()} />
    </li>
  );
}
