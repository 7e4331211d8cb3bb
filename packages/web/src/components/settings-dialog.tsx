import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { extraCouncilMembers, toProfileInput } from '../state/profile-form.ts';
import { GIT_HOOK_POLICIES, IGNORE_MODES, NUMERIC_SETTINGS, type NumericKey } from '../state/profile-settings.ts';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';
import { ModelInput } from './model-input.tsx';

/** The singleton profile: create it on first use, update it afterwards (architecture.md §3.1). */
export function SettingsDialog(props: { onClose: () => void }) {
  const client = useQueryClient();
  const profile = createQuery(() => ({ queryKey: keys.profile, queryFn: () => api.profile.get.query() }));
  const defaults = createQuery(() => ({ queryKey: ['profile-defaults'], queryFn: () => api.profile.defaults.query() }));
  const models = createQuery(() => ({ queryKey: ['models'], queryFn: () => api.models.list.query() }));
  const [showAll, setShowAll] = createSignal(false);
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const tunable = <K extends NumericKey | 'gitHookPolicy' | 'ignoreMode' | 'manualQaEnabled'>(key: K) =>
    profile.data?.[key] ?? defaults.data?.defaults[key];
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!(e.currentTarget instanceof HTMLFormElement)) return;
    setSaved(false);
    const result = toProfileInput(new FormData(e.currentTarget));
    if (!result.ok) return setError(result.error);
    setError('');
    try {
      if (profile.data) await api.profile.update.mutate(result.input);
      else await api.profile.create.mutate(result.input);
      await client.invalidateQueries({ queryKey: keys.profile });
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title="Configuration" onClose={props.onClose} wide>
      <Show when={models.data?.message}>
        <p class="banner warn">{models.data?.message} Model ids can still be typed.</p>
      </Show>
      <datalist id="model-ids">
        <For each={(showAll() ? models.data?.allModels : models.data?.models) ?? []}>
          {(m) => <option value={m.id}>{m.name}</option>}
        </For>
      </datalist>
      <Show when={!profile.isLoading && !defaults.isLoading} fallback={<p class="muted">Loading…</p>}>
        <form class="form grid" onSubmit={submit} novalidate>
          <h3 class="span2">Models</h3>
          <ModelInput
            name="mainImplementer"
            label="Main implementer"
            help="Runs the scan, coding, the final test and the PR text; always council member #1."
            value={profile.data?.mainImplementer ?? ''}
            listId="model-ids"
            required
          />
          <label>
            Main implementer variant
            <input name="mainImplementerVariant" value={profile.data?.mainImplementerVariant ?? ''} />
            <small class="muted">Reasoning effort such as "high"; empty for the model's default.</small>
          </label>
          <label class="check">
            <input type="checkbox" checked={showAll()} onChange={(e) => setShowAll(e.currentTarget.checked)} /> Show
            models of all providers, not only connected ones
          </label>
          <ModelInput
            name="councilMembers"
            label="Council members"
            help="1–9 more models that draft and vote, comma separated; no duplicates."
            value={profile.data ? extraCouncilMembers(profile.data).join(', ') : ''}
            listId="model-ids"
            isList
            required
          />
          <h3 class="span2">Limits and timeouts</h3>
          <For each={NUMERIC_SETTINGS}>
            {(s) => (
              <label>
                {s.label}
                <input name={s.key} type="number" min={s.min} max={s.max} step="1" value={tunable(s.key) ?? ''} />
                <small class="muted">
                  {s.help} ({s.min}–{s.max}, default {String(defaults.data?.defaults[s.key] ?? '')})
                </small>
              </label>
            )}
          </For>
          <h3 class="span2">Workflow</h3>
          <label>
            Git hooks
            <select name="gitHookPolicy">
              <For each={GIT_HOOK_POLICIES}>
                {(p) => (
                  <option value={p.value} selected={p.value === tunable('gitHookPolicy')}>
                    {p.label}
                  </option>
                )}
              </For>
            </select>
            <small class="muted">How LoopTroop's own commits treat the repository's hooks (default Check).</small>
          </label>
          <label>
            Ignore rules
            <select name="ignoreMode">
              <For each={IGNORE_MODES}>
                {(m) => (
                  <option value={m.value} selected={m.value === tunable('ignoreMode')}>
                    {m.label}
                  </option>
                )}
              </For>
            </select>
            <small class="muted">Where LoopTroop hides .looptroop/ and .ticket/ from git (default local).</small>
          </label>
          <label class="check span2">
            <input type="checkbox" name="manualQaEnabled" checked={tunable('manualQaEnabled') === true} /> Pause for a
            manual QA checklist before the pull request (default off)
          </label>
          <div class="form-footer span2">
            <FormError message={error()} />
            <div class="actions">
              <Show when={saved()}>
                <span class="ok">Saved</span>
              </Show>
              <button type="submit">{profile.data ? 'Save configuration' : 'Create profile'}</button>
            </div>
          </div>
        </form>
      </Show>
    </Modal>
  );
}
