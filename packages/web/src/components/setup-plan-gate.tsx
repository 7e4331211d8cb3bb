import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createDocumentDraft } from '../lib/document-draft.ts';
import { keys } from '../lib/query-client.ts';
import { api, errorDetails, errorMessage, type SetupPlanView } from '../lib/trpc.ts';
import { planIssuesOf } from '../state/plan-issues.ts';
import { ApproveButton } from './approve-button.tsx';
import { DraftActions } from './draft-actions.tsx';
import { DraftNotice } from './draft-notice.tsx';
import { EditSetupPlanDialog } from './edit-setup-plan-dialog.tsx';
import { FormError } from './form-error.tsx';
import { SetupPlanStructured } from './setup-plan-structured.tsx';

/** The ui-state scope of the raw editor's autosaved draft (core clears `setup-plan*` scopes on a §4.8 rewind). */
export const SETUP_PLAN_DRAFT_SCOPE = 'setup-plan-draft';

/**
 * One version of the plan (workflow.md §10.4): structure, the raw JSON editor with autosave (a draft in the ticket's
 * ui-state, never the plan itself; only Save writes the plan and its edit receipt), Regenerate with commentary and
 * Approve. Only the active version at the gate can be edited; older versions are read-only.
 */
function SetupPlanVersion(props: {
  ticketId: string;
  view: SetupPlanView;
  isGate: boolean;
  /** PREPARING_EXECUTION_ENV, after a confirmation: Save and Regenerate stop the setup and rewind (§4.8). */
  isRewinding: boolean;
  onRegenerated: () => void;
}) {
  const client = useQueryClient();
  const canChange = () => props.isGate || props.isRewinding;
  const isEditable = () => canChange() && props.view.editable;
  const draft = createDocumentDraft<string>({
    ticketId: props.ticketId,
    scope: SETUP_PLAN_DRAFT_SCOPE,
    document: () => ({ sha: props.view.contentSha256, value: props.view.raw ?? '' }),
    isEditable,
    equals: (a, b) => a === b,
    readValue: (value) => (typeof value === 'string' ? value : null),
  });
  const [commentary, setCommentary] = createSignal('');
  const [error, setError] = createSignal('');
  const [problems, setProblems] = createSignal<string[]>([]);
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    setProblems([]);
    setBusy(true);
    try {
      await action();
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
      setProblems(planIssuesOf(errorDetails(err)).map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)));
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(() => draft.commit((raw) => api.executionSetup.put.mutate({ id: props.ticketId, raw })));
  const isLatest = () => props.view.versions.at(-1)?.version === props.view.version;
  return (
    <>
      <Show when={props.view.validationError}>
        {(message) => <p class="danger prewrap">The generated plan is not valid: {message()}</p>}
      </Show>
      <Show when={props.view.plan}>{(plan) => <SetupPlanStructured plan={plan()} />}</Show>
      <Show when={isEditable()}>
        <DraftNotice
          notice={draft.notice()}
          what="the setup plan"
          onRestore={() => draft.restore()}
          onDiscard={() => void draft.discard()}
        />
      </Show>
      <details open={draft.notice() !== null || draft.isDirty()}>
        <summary>Raw plan (JSON)</summary>
        <textarea
          aria-label="Raw setup plan"
          rows={16}
          spellcheck={false}
          readOnly={!isEditable() || draft.isCommitting()}
          value={draft.value()}
          onInput={(e) => draft.edit(e.currentTarget.value)}
        />
        <Show when={isEditable()}>
          <DraftActions
            draft={draft}
            saveLabel={props.isRewinding ? 'Save and return to approval' : 'Save setup plan'}
            onSave={() => void save()}
            onDiscard={() => void draft.discard()}
          />
        </Show>
      </details>
      <Show when={canChange() && isLatest()}>
        <div class="regenerate">
          <textarea
            aria-label="Regeneration commentary"
            rows={3}
            placeholder="What should the new plan do differently?"
            value={commentary()}
            onInput={(e) => setCommentary(e.currentTarget.value)}
          />
          <button
            type="button"
            class="secondary"
            disabled={busy() || !commentary().trim()}
            onClick={() =>
              run(async () => {
                await api.executionSetup.regenerate.mutate({ id: props.ticketId, commentary: commentary() });
                setCommentary('');
                props.onRegenerated();
              })
            }
          >
            {props.isRewinding ? 'Stop the setup and regenerate' : 'Regenerate'}
          </button>
        </div>
      </Show>
      <Show when={props.isGate && isLatest()}>
        <ApproveButton
          label="Approve setup plan"
          what="the setup plan"
          sha={props.view.canApprove ? props.view.contentSha256 : null}
          blockedReason={
            draft.isDirty()
              ? 'Save or discard your edits first'
              : props.view.canApprove
                ? null
                : 'There is no valid plan to approve'
          }
          approve={(sha) =>
            api.ticketActions.approveExecutionSetupPlan.mutate({ id: props.ticketId, expectedContentSha256: sha })
          }
        />
      </Show>
      <FormError message={error()} />
      <Show when={problems().length > 0}>
        <ul class="error" data-testid="setup-plan-problems">
          <For each={problems()}>{(line) => <li>{line}</li>}</For>
        </ul>
      </Show>
    </>
  );
}

/**
 * WAITING_EXECUTION_SETUP_APPROVAL (workflow.md §10.4): the plan of the chosen version (the VERSION dropdown; older
 * versions read-only). A failed generation shows its validation error with Approve and Save disabled and Regenerate
 * enabled (§10.3). While the workspace is being prepared the plan can still be edited or regenerated after a
 * confirmation: that stops the setup (a save returns to this gate, a regeneration to drafting; §4.7, §4.8).
 */
export function SetupPlanGate(props: {
  ticketId: string;
  isGate: boolean;
  /** PREPARING_EXECUTION_ENV: the plan may still be edited or regenerated, which stops the setup (§4.7, §4.8). */
  canRewind?: boolean;
}) {
  const [version, setVersion] = createSignal<number | null>(null);
  const [isRewinding, setRewinding] = createSignal(false);
  const [isConfirming, setConfirming] = createSignal(false);
  createEffect(() => {
    if (!props.canRewind) setRewinding(false);
  });
  const view = createQuery(() => ({
    queryKey: keys.setupPlan(props.ticketId, version()),
    queryFn: () =>
      api.executionSetup.get.query({ id: props.ticketId, ...(version() !== null && { phaseAttempt: version() ?? 1 }) }),
  }));
  return (
    <Show when={view.data}>
      {(v) => (
        <section class="panel approval" aria-label="Setup plan approval" data-testid="setup-plan-gate">
          <h2>
            Workspace setup plan{' '}
            <select
              aria-label="Version"
              value={v().version}
              onChange={(e) => setVersion(Number(e.currentTarget.value))}
            >
              <For each={v().versions}>
                {(o) => (
                  <option value={o.version}>
                    v{o.version}
                    {o.state === 'archived' ? ' (archived)' : ''}
                  </option>
                )}
              </For>
            </select>
          </h2>
          <Show when={props.canRewind && !isRewinding()}>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setConfirming(true)}>
                Edit or regenerate the plan…
              </button>
            </div>
          </Show>
          <Show when={isConfirming()}>
            <EditSetupPlanDialog
              isRunning={true}
              onClose={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                setRewinding(true);
              }}
            />
          </Show>
          {/* One editor per version: a draft belongs to the version it was made on. */}
          <Show when={v().version} keyed>
            {(_version) => (
              <SetupPlanVersion
                ticketId={props.ticketId}
                view={v()}
                isGate={props.isGate}
                isRewinding={isRewinding()}
                onRegenerated={() => setVersion(null)}
              />
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}
