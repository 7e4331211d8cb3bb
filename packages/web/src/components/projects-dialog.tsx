import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { FolderBrowser } from './folder-browser.tsx';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';

/** Suggested shortname: first letters/digits of the name, upper-cased, padded to 3 (architecture.md §10). */
const suggestShortname = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 4)
    .padEnd(3, 'X');

export function ProjectsDialog(props: { onClose: () => void }) {
  const client = useQueryClient();
  const projects = createQuery(() => ({ queryKey: keys.projects, queryFn: () => api.projects.list.query() }));
  const [path, setPath] = createSignal('');
  const [name, setName] = createSignal('');
  const [shortname, setShortname] = createSignal('');
  const [error, setError] = createSignal('');
  const check = createQuery(() => ({
    queryKey: ['check-git', path()],
    queryFn: () => api.projects.checkGit.query({ path: path() }),
    enabled: path() !== '',
  }));
  const attach = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    try {
      await api.projects.create.mutate({
        name: name(),
        shortname: shortname() || suggestShortname(name()),
        folderPath: path(),
      });
      await client.invalidateQueries({ queryKey: keys.projects });
      setName('');
      setShortname('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const rename = async (id: number, current: string) => {
    const name = window.prompt('New project name', current)?.trim();
    if (!name || name === current) return;
    setError('');
    try {
      await api.projects.update.mutate({ id, name });
      await client.invalidateQueries({ queryKey: keys.projects });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const remove = async (id: number) => {
    setError('');
    if (!window.confirm('Detach this project? Its tickets are removed from LoopTroop; the repository is not touched.'))
      return;
    try {
      await api.projects.delete.mutate({ id });
      await client.invalidateQueries({ queryKey: keys.projects });
      await client.invalidateQueries({ queryKey: keys.tickets });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title="Projects" onClose={props.onClose} wide>
      <ul class="project-list">
        <For each={projects.data ?? []} fallback={<li class="muted">No projects attached yet.</li>}>
          {(p) => (
            <li>
              <span style={{ color: p.color }}>{p.icon}</span> <strong>{p.name}</strong> <code>{p.shortname}</code>{' '}
              <span class="muted small">{p.folderPath}</span>{' '}
              <span class="badge">
                {p.remoteKind === 'github'
                  ? `GitHub ${p.githubRepoSlug}`
                  : p.remoteKind === 'other'
                    ? 'git remote'
                    : 'no remote'}
              </span>
              <button type="button" class="ghost" onClick={() => rename(p.id, p.name)}>
                Rename
              </button>
              <button type="button" class="ghost danger" onClick={() => remove(p.id)}>
                Delete
              </button>
            </li>
          )}
        </For>
      </ul>
      <h3>Attach a repository</h3>
      <FolderBrowser path={path()} onNavigate={setPath} />
      <form class="form" onSubmit={attach}>
        <label>
          Folder
          <input value={path()} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/path/to/repo" required />
        </label>
        <Show when={check.data}>
          {(result) => (
            <p class={result().status === 'valid' ? 'ok' : 'error'} data-check-git={result().status}>
              {result().message}
              {result().existingProject ? ` — already attached as ${result().existingProject?.shortname}` : ''}
            </p>
          )}
        </Show>
        <label>
          Name
          <input
            value={name()}
            onInput={(e) => {
              setName(e.currentTarget.value);
            }}
            required
            maxLength={100}
          />
        </label>
        <label>
          Shortname (3–5 of A–Z, 0–9)
          <input
            value={shortname() || suggestShortname(name())}
            onInput={(e) => setShortname(e.currentTarget.value.toUpperCase())}
            pattern="[A-Z0-9]{3,5}"
            required
          />
        </label>
        <FormError message={error()} />
        <div class="actions">
          <button type="submit" disabled={check.data?.status !== 'valid'}>
            Attach project
          </button>
        </div>
      </form>
    </Modal>
  );
}
