import { createQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api } from '../lib/trpc.ts';
import { AttachProjectForm } from './attach-project-form.tsx';
import { Modal } from './modal.tsx';
import { ProjectRow } from './project-row.tsx';

/** The attached projects, and the form to attach another. */
export function ProjectsDialog(props: { onClose: () => void }) {
  const projects = createQuery(() => ({ queryKey: keys.projects, queryFn: () => api.projects.list.query() }));
  return (
    <Modal title="Projects" onClose={props.onClose} wide>
      <ul class="project-list">
        <For each={projects.data ?? []} fallback={<li class="muted">No projects attached yet.</li>}>
          {(project) => <ProjectRow project={project} />}
        </For>
      </ul>
      <AttachProjectForm />
    </Modal>
  );
}
