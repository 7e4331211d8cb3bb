import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage, type ProfileInput } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';
import { Modal } from './modal.tsx';
import { NUMERIC_SETTINGS, type NumericKey } from './settings-fields.ts';

const parseList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function SettingsDialog(props: { onClose: () => void }) {
  const client = useQueryClient();
  const profile = createQuery(() => ({ queryKey: keys.profile, queryFn: () => api.profile.get.query() }));
  const defaults = createQuery(() => ({ queryKey: ['profile-defaults'], queryFn: () => api.profile.defaults.query() }));
  const models = createQuery(() => ({ queryKey: ['models'], queryFn: () => api.models.list.query() }));
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const value = (key: NumericKey) => profile.data?.[key] ?? defaults.data?.defaults[key] ?? '';
  const council = () => {
    const raw = profile.data?.councilMembers;
    return raw ? (JSON.parse(raw) as string[]).join(', ') : '';
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const numbers = Object.fromEntries(NUMERIC_SETTINGS.map((s) => [s.key, Number(form.get(s.key))]));
    const body = {
      mainImplementer: String(form.get('mainImplementer')),
      councilMembers: parseList(String(form.get('councilMembers'))),
      ...numbers,
    } as ProfileInput; // numeric keys come from NUMERIC_SETTINGS, which mirrors the profile schema
    setError('');
    setSaved(false);
    try {
      if (profile.data) await api.profile.update.mutate(body);
      else await api.profile.create.mutate(body);
      await client.invalidateQueries({ queryKey: keys.profile });
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title="Configuration" onClose={props.onClose} wide>
      <Show when={models.data?.message}>
        <p class="banner warn">{models.data?.message}</p>
      </Show>
      <datalist id="model-ids">
        <For each={models.data?.models ?? []}>{(m) => <option value={m.id} />}</For>
      </datalist>
      <Show when={!profile.isLoading} fallback={<p class="muted">Loading…</p>}>
        <form class="form grid" onSubmit={submit}>
          <label class="span2">
            Main implementer (provider/model)
            <input name="mainImplementer" list="model-ids" required value={profile.data?.mainImplementer ?? ''} />
            <small class="muted">Runs the scan, coding, the final test and the PR text; council member #1.</small>
          </label>
          <label class="span2">
            Council members (comma separated)
            <input name="councilMembers" list="model-ids" required value={council()} />
            <small class="muted">1–9 more models that draft and vote; the main implementer is added first.</small>
          </label>
          <For each={NUMERIC_SETTINGS}>
            {(s) => (
              <label>
                {s.label}
                <input name={s.key} type="number" min={s.min} max={s.max} step="1" value={value(s.key)} />
                <small class="muted">
                  {s.help} ({s.min}–{s.max}, default {String(defaults.data?.defaults[s.key] ?? '')})
                </small>
              </label>
            )}
          </For>
          <FormError message={error()} class="span2" />
          <div class="actions span2">
            <Show when={saved()}>
              <span class="ok">Saved</span>
            </Show>
            <button type="submit">{profile.data ? 'Save configuration' : 'Create profile'}</button>
          </div>
        </form>
      </Show>
    </Modal>
  );
}
