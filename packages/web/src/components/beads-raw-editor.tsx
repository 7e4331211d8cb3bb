import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import type { DocumentDraft } from '../lib/document-draft.ts';
import { api, type BeadsView, errorDetails, errorMessage } from '../lib/trpc.ts';
import { type PlanIssue, planIssuesOf } from '../state/plan-issues.ts';
import { DraftActions } from './draft-actions.tsx';

/**
 * The bead plan as raw JSONL (`issues.jsonl`, one bead per line). Edits are autosaved as a draft (`beads-raw-draft`);
 * Save replaces the whole plan.
 */
export function BeadsRawEditor(props: {
  view: BeadsView;
  draft: DocumentDraft<string>;
  /** Why Save must wait (a gap fix is running…), or null. */
  saveBlockedReason?: string | null;
}) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const [issues, setIssues] = createSignal<PlanIssue[]>([]);
  const saving = () => props.draft.isCommitting();
  const save = async () => {
    setError('');
    setIssues([]);
    try {
      await props.draft.commit((raw) =>
        api.beads.put.mutate({
          id: props.view.ticketId,
          raw,
          ...(props.view.contentSha256 && { expectedContentSha256: props.view.contentSha256 }),
        }),
      );
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
      setIssues(planIssuesOf(errorDetails(err)));
    }
  };
  const discard = async () => {
    setError('');
    setIssues([]);
    await props.draft.discard();
  };
  return (
    <div class="editor">
      <textarea
        aria-label="Bead plan JSONL"
        class="yaml"
        rows={16}
        spellcheck={false}
        wrap="off"
        readOnly={!props.view.editable || saving()}
        value={props.draft.value()}
        onInput={(e) => props.draft.edit(e.currentTarget.value)}
      />
      <Show when={error()}>
        <div class="error" role="alert">
          <p>{error()}</p>
          <Show when={issues().length > 0}>
            <ul>
              <For each={issues()}>
                {(issue) => (
                  <li>
                    {issue.beadId ? <code>{issue.beadId}</code> : null} {issue.message}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={props.view.editable}>
        <DraftActions
          draft={props.draft}
          saveLabel={'Save JSONL'}
          saveBlockedReason={props.saveBlockedReason}
          onSave={save}
          onDiscard={discard}
        />
      </Show>
    </div>
  );
}
