import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { api } from '../lib/trpc.ts';
import { QueryBoundary } from './query-boundary.tsx';

/** Browse folders through `projects.ls` (directory names only) and pick one. */
export function FolderBrowser(props: { path: string; onNavigate: (path: string) => void }) {
  const listing = createQuery(() => ({
    queryKey: ['ls', props.path],
    queryFn: () => api.projects.ls.query(props.path ? { path: props.path } : {}),
  }));
  return (
    <div class="folder-browser">
      <QueryBoundary query={listing}>
        {(data) => (
          <>
            <div class="crumb">
              <Show when={data.parentPath}>
                {(parent) => (
                  <button type="button" class="ghost" onClick={() => props.onNavigate(parent())}>
                    ↑ Up
                  </button>
                )}
              </Show>
              <code>{data.currentPath}</code>
            </div>
            <ul class="dirs">
              <For each={data.dirs} fallback={<li class="muted small">No sub-folders</li>}>
                {(dir) => (
                  <li>
                    <button type="button" class="link" onClick={() => props.onNavigate(dir.path)}>
                      📁 {dir.name} {dir.isGitRepo ? <span class="badge">git</span> : null}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </QueryBoundary>
    </div>
  );
}
