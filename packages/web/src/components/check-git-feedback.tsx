import { Show } from 'solid-js';
import type { CheckGitResult } from '../lib/trpc.ts';

const REMOTE_TEXT: Record<CheckGitResult['remoteKind'], string> = {
  github: 'GitHub origin',
  other: 'non-GitHub origin: pull requests cannot be opened',
  none: 'no origin remote: pull requests cannot be opened',
};

/** What `projects.checkGit` says about the chosen folder (architecture.md §4.1). */
export function CheckGitFeedback(props: { result: CheckGitResult }) {
  return (
    <div
      class={`check-git ${props.result.status}`}
      data-check-git={props.result.status}
      role="status"
      aria-label="Repository check"
    >
      <strong>{props.result.status === 'valid' ? '✓' : '✗'}</strong> {props.result.message}
      <Show when={props.result.isGit}>
        <ul class="small">
          <li>
            Branch <code>{props.result.currentBranch ?? 'detached'}</code>
            {props.result.scope === 'subfolder' ? ` · subfolder of ${props.result.repoRoot}` : ''}
          </li>
          <li class={props.result.remoteKind === 'github' ? '' : 'warn'}>
            {REMOTE_TEXT[props.result.remoteKind]}
            {props.result.githubRepoSlug ? ` (${props.result.githubRepoSlug})` : ''}
          </li>
          <Show when={props.result.existingProject}>
            {(p) => (
              <li class="warn">
                Already attached as {p().name} ({p().shortname}) with {p().ticketCount} ticket(s)
              </li>
            )}
          </Show>
          <Show when={props.result.hasLoopTroopState && !props.result.existingProject}>
            <li>Has a .looptroop folder from an earlier attach.</li>
          </Show>
        </ul>
      </Show>
    </div>
  );
}
