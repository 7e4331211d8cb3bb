import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { CheckGitFeedback } from './check-git-feedback.tsx';
import { FolderBrowser } from './folder-browser.tsx';
import { FormError } from './form-error.tsx';

/** Suggested shortname: the name's letters and digits, upper-cased, 3–4 long (the server wants 3–5 of A–Z0–9). */
export const suggestShortname = (name: string) =>
  name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 4)
    .padEnd(3, 'X');

const folderName = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? '';

/** Pick a folder (browse or type), see what check-git says about it, name it and attach it (architecture.md §4). */
export function AttachProjectForm() {
  const client = useQueryClient();
  const [path, setPath] = createSignal('');
  const [name, setName] = createSignal('');
  const [shortname, setShortname] = createSignal('');
  const [error, setError] = createSignal('');
  const [attached, setAttached] = createSignal('');
  const check = createQuery(() => ({
    queryKey: ['check-git', path()],
    queryFn: () => api.projects.checkGit.query({ path: path() }),
    enabled: path() !== '',
  }));
  const choose = (next: string) => {
    setPath(next);
    setAttached('');
    if (!name()) setName(folderName(next));
  };
  const attach = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    try {
      const project = await api.projects.create.mutate({
        name: name(),
        shortname: shortname() || suggestShortname(name()),
        folderPath: path(),
      });
      await client.invalidateQueries({ queryKey: keys.projects });
      await client.invalidateQueries({ queryKey: ['check-git'] });
      setAttached(`Attached ${project.name} as ${project.shortname}.`);
      setName('');
      setShortname('');
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section aria-label="Attach a repository">
      <h3>Attach a repository</h3>
      <FolderBrowser path={path()} onNavigate={choose} />
      <form class="form" onSubmit={attach}>
        <label>
          Folder
          <input value={path()} onChange={(e) => choose(e.currentTarget.value)} placeholder="/path/to/repo" required />
        </label>
        <Show when={check.data}>{(result) => <CheckGitFeedback result={result()} />}</Show>
        <div class="row">
          <label>
            Name
            <input value={name()} onInput={(e) => setName(e.currentTarget.value)} required maxLength={100} />
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
        </div>
        <FormError message={error()} />
        <Show when={attached()}>
          <p class="ok" role="status">
            {attached()}
          </p>
        </Show>
        <div class="actions">
          <button type="submit" disabled={check.data?.status !== 'valid' || check.data.existingProject !== null}>
            Attach project
          </button>
        </div>
      </form>
    </section>
  );
}
