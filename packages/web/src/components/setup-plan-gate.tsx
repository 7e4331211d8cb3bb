import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { ApproveButton } from './approve-button.tsx';
import { FormError } from './form-error.tsx';

/**
 * WAITING_EXECUTION_SETUP_APPROVAL (workflow.md §10.4): the plan as structure and raw JSON, Save, Regenerate with
 * commentary, the version dropdown (older versions read-only) and Approve. A failed generation shows its validation
 * error with Approve and Save disabled and Regenerate enabled (§10.3).
 */
export function SetupPlanGate(props: { ticketId: string; isGate: boolean }) {
  const client = useQueryClient();
  const [version, setVersion] = createSignal<number | null>(null);
  const view = createQuery(() => ({
    queryKey: keys.setupPlan(props.ticketId, version()),
    queryFn: () =>
      api.executionSetup.get.query({ id: props.ticketId, ...(version() !== null && { phaseAttempt: version() ?? 1 }) }),
  }));
  const [draft, setDraft] = createSignal<string | null>(null);
  const [commentary, setCommentary] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<unknown>) => {
    setError('');
    setBusy(true);
    try {
      await action();
      setDraft(null);
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const text = (
    c: { kind: 'exec'; program: string; args: string[] } | { kind: 'script'; shell: string; script: string },
  ) => (c.kind === 'exec' ? [c.program, ...c.args].join(' ') : `[${c.shell}] ${c.script}`);
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
          <Show when={v().validationError}>
            {(message) => <p class="danger prewrap">The generated plan is not valid: {message()}</p>}
          </Show>
          <Show when={v().plan}>
            {(plan) => (
              <div data-testid="setup-plan-structured">
                <p>
                  <strong>Readiness: {plan().readiness.status}</strong>
                  {plan().readiness.actionsRequired ? ' — actions required' : ''}. {plan().summary}
                </p>
                <h3>Probes</h3>
                <ol>
                  <For each={plan().workspaceProbes}>
                    {(p) => (
                      <li>
                        <code>{text(p.command)}</code> — {p.purpose}
                      </li>
                    )}
                  </For>
                </ol>
                <h3>Steps</h3>
                <Show when={plan().steps.length} fallback={<p class="muted">None: the workspace is ready as it is.</p>}>
                  <ol>
                    <For each={plan().steps}>
                      {(s) => (
                        <li>
                          <strong>{s.title}</strong>: <code>{s.commands.map(text).join(' && ')}</code>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
                <For each={plan().cautions}>{(c) => <p class="warning">⚠ {c}</p>}</For>
              </div>
            )}
          </Show>
          <details>
            <summary>Raw plan (JSON)</summary>
            <textarea
              aria-label="Raw setup plan"
              rows={16}
              readOnly={!v().editable || !props.isGate}
              value={draft() ?? v().raw ?? ''}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <Show when={v().editable && props.isGate}>
              <button
                type="button"
                disabled={busy() || draft() === null}
                onClick={() => run(() => api.executionSetup.put.mutate({ id: props.ticketId, raw: draft() ?? '' }))}
              >
                Save
              </button>
            </Show>
          </details>
          <Show when={props.isGate && v().versions.at(-1)?.version === v().version}>
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
                    setVersion(null);
                  })
                }
              >
                Regenerate
              </button>
            </div>
            <ApproveButton
              label="Approve setup plan"
              what="the setup plan"
              sha={v().canApprove ? v().contentSha256 : null}
              blockedReason={
                draft() !== null
                  ? 'Save or discard your edits first'
                  : v().canApprove
                    ? null
                    : 'There is no valid plan to approve'
              }
              approve={(sha) =>
                api.ticketActions.approveExecutionSetupPlan.mutate({ id: props.ticketId, expectedContentSha256: sha })
              }
            />
          </Show>
          <FormError message={error()} />
        </section>
      )}
    </Show>
  );
}
