import { For, Show } from 'solid-js';
import { splitPatchByFile } from '../state/pull-request-view.ts';

interface DiffFile {
  path: string;
  oldPath: string | null;
  status: string;
  additions: number | null;
  deletions: number | null;
  binary: boolean;
}

/** A diff line's kind, for colouring: added, removed, hunk header, file header, or context. */
function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff --git')) return 'diff-file';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  if (line.startsWith('@@')) return 'diff-hunk';
  return '';
}

function UnifiedDiff(props: { patch: string }) {
  return (
    <pre class="diff" data-testid="unified-diff">
      <For each={props.patch.split('\n')}>{(line) => <div class={lineClass(line)}>{line || ' '}</div>}</For>
    </pre>
  );
}

/**
 * A unified diff with its file list (api-reference.txt bead diff stats; architecture.md "Diff view"): each file with
 * its status and +/− counts opens its own part of the patch.
 */
export function DiffViewer(props: {
  content: string;
  files: readonly DiffFile[];
  additions: number;
  deletions: number;
  truncated?: boolean;
}) {
  const patchOf = (path: string) => splitPatchByFile(props.content).find((f) => f.path === path)?.patch ?? '';
  return (
    <div class="diff-viewer" data-testid="diff-viewer">
      <p class="small" data-testid="diff-totals">
        {props.files.length} file{props.files.length === 1 ? '' : 's'} changed,{' '}
        <span class="add">+{props.additions}</span> <span class="del">−{props.deletions}</span>
      </p>
      <Show when={props.files.length > 0} fallback={<p class="muted">No code changes.</p>}>
        <ul class="diff-files">
          <For each={props.files}>
            {(file) => (
              <li data-file={file.path}>
                <details>
                  <summary>
                    <span class="badge" title="git status">
                      {file.status}
                    </span>{' '}
                    <code>{file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}</code>{' '}
                    <Show when={!file.binary} fallback={<span class="muted small">binary</span>}>
                      <span class="add small">+{file.additions}</span> <span class="del small">−{file.deletions}</span>
                    </Show>
                  </summary>
                  <UnifiedDiff patch={patchOf(file.path)} />
                </details>
              </li>
            )}
          </For>
        </ul>
        <details>
          <summary>Whole diff</summary>
          <UnifiedDiff patch={props.content} />
        </details>
      </Show>
      <Show when={props.truncated}>
        <p class="muted small">The diff was cut; the full change is on the branch.</p>
      </Show>
    </div>
  );
}
