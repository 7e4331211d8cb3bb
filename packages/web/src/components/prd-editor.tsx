import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import type { DocumentDraft } from '../lib/document-draft.ts';
import { api, errorDetails, errorMessage } from '../lib/trpc.ts';
import { validationLines } from '../state/plan-issues.ts';
import { DraftActions } from './draft-actions.tsx';

/**
 * The PRD as raw YAML (`.ticket/prd.yaml`). Edits are autosaved as a draft (`prd-draft`); only Save writes the PRD,
 * through `PUT /api/files/:id/prd`, which validates and canonicalizes it — a refused save lists the schema problems.
 * A saved edit changes the hash the approval needs.
 */
export function PrdEditor(props: {
  ticketId: string;
  draft: DocumentDraft<string>;
  isEditable: boolean;
  /** Why Save must wait (a gap fix is running…), or null. */
  saveBlockedReason: string | null;
  saveLabel?: string;
  /** `restartedPlanning`: the save restarted bead planning (an approved PRD was edited, workflow.md §4.8). */
  onSaved?: (restartedPlanning: boolean) => void;
}) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const [problems, setProblems] = createSignal<string[]>([]);
  const save = async () => {
    setError('');
    setProblems([]);
    try {
      let restarted = false;
      await props.draft.commit(async (content) => {
        const saved = await api.files.put.mutate({ ticketId: props.ticketId, file: 'prd', content });
        restarted = saved.restartedPlanning ?? false;
        return saved;
      });
      await client.invalidateQueries();
      props.onSaved?.(restarted);
    } catch (err) {
      setError(errorMessage(err));
      setProblems(validationLines(errorDetails(err)));
    }
  };
  const discard = async () => {
    setError('');
    setProblems([]);
    await props.draft.discard();
  };
  const isBusy = () => props.draft.isCommitting();
  return (
    <div class="editor">
      <textarea
        aria-label="PRD YAML"
        class="yaml"
        rows={24}
        spellcheck={false}
        readOnly={!props.isEditable || isBusy()}
        value={props.draft.value()}
        onInput={(e) => props.draft.edit(e.currentTarget.value)}
      />
      <Show when={error()}>
        <div class="error" role="alert" data-testid="prd-save-error">
          <p>{problems().length ? 'The PRD was not saved:' : error()}</p>
          <Show when={problems().length > 0}>
            <ul>
              <For each={problems()}>{(line) => <li>{line}</li>}</For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={props.isEditable}>
        <DraftActions
          draft={props.draft}
          saveLabel={props.saveLabel ?? 'Save PRD'}
          saveBlockedReason={props.saveBlockedReason}
          onSave={save}
          onDiscard={discard}
        />
      </Show>
    </div>
  );
}
