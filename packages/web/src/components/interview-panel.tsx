import { useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, onMount, Show } from 'solid-js';
import { api, errorMessage, type InterviewView } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

type Batch = NonNullable<InterviewView['currentBatch']>;

/** The current interview batch: choice buttons plus a notes field, free text, skip; drafts autosaved. */
export function InterviewPanel(props: { ticketId: string; batch: Batch }) {
  const client = useQueryClient();
  const [answers, setAnswers] = createSignal<Record<string, string>>({});
  const [selected, setSelected] = createSignal<Record<string, string[]>>({});
  const [skipped, setSkipped] = createSignal<Record<string, boolean>>({});
  const [error, setError] = createSignal('');
  const [sending, setSending] = createSignal(false);
  // Drafts survive a reload: restore what was autosaved for this batch's questions.
  onMount(async () => {
    const stored = await api.tickets.uiState.query({ id: props.ticketId, scope: 'interview-drafts' }).catch(() => null);
    const data = stored?.data as
      | {
          draftAnswers?: Record<string, string>;
          selectedOptions?: Record<string, string[]>;
          skippedQuestions?: Record<string, boolean>;
        }
      | null
      | undefined; // written by this component's autosave
    if (!data) return;
    const ids = new Set(props.batch.questions.map((q) => q.id));
    const pick = <T,>(record: Record<string, T> | undefined) =>
      Object.fromEntries(Object.entries(record ?? {}).filter(([id]) => ids.has(id)));
    setAnswers(pick(data.draftAnswers));
    setSelected(pick(data.selectedOptions));
    setSkipped(pick(data.skippedQuestions));
  });
  const autosave = () =>
    void api.tickets.putUiState
      .mutate({
        id: props.ticketId,
        scope: 'interview-drafts',
        data: { draftAnswers: answers(), selectedOptions: selected(), skippedQuestions: skipped() },
      })
      .catch(() => undefined); // autosave is best effort; the submit reports real errors
  const toggle = (qid: string, opt: string, multiple: boolean) => {
    const current = selected()[qid] ?? [];
    const next = multiple ? (current.includes(opt) ? current.filter((o) => o !== opt) : [...current, opt]) : [opt];
    setSelected({ ...selected(), [qid]: next });
    autosave();
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError('');
    setSending(true);
    try {
      await api.interview.answerBatch.mutate({
        id: props.ticketId,
        answers: answers(),
        selectedOptions: selected(),
        skipped: skipped(),
      });
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <form class="interview" onSubmit={submit} data-batch={props.batch.batchNumber}>
      <p class="muted">
        Batch {props.batch.batchNumber} · {props.batch.progress.answered}/{props.batch.progress.total} answered
        (estimate)
        {props.batch.source === 'coverage' ? ' · coverage follow-up' : ''}
      </p>
      <Show when={props.batch.aiCommentary}>
        <p class="commentary">{props.batch.aiCommentary}</p>
      </Show>
      <For each={props.batch.questions}>
        {(q) => (
          <fieldset class="question" data-question={q.id}>
            <legend>
              <code>{q.id}</code> {q.question}
            </legend>
            <Show when={q.answer_type === 'yes_no'}>
              <div class="options">
                <For each={['Yes', 'No']}>
                  {(label) => (
                    <button
                      type="button"
                      class={answers()[q.id] === label ? 'chosen' : 'secondary'}
                      onClick={() => setAnswers({ ...answers(), [q.id]: label })}
                    >
                      {label}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <Show when={q.options.length > 0}>
              <div class="options">
                <For each={q.options}>
                  {(o) => (
                    <button
                      type="button"
                      data-option={o.id}
                      class={(selected()[q.id] ?? []).includes(o.id) ? 'chosen' : 'secondary'}
                      onClick={() => toggle(q.id, o.id, q.answer_type === 'multiple_choice')}
                    >
                      {o.label}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <textarea
              rows={2}
              aria-label={`Answer to ${q.id}`}
              placeholder={q.options.length ? 'Notes (optional)' : 'Your answer'}
              value={answers()[q.id] ?? ''}
              disabled={skipped()[q.id]}
              onInput={(e) => setAnswers({ ...answers(), [q.id]: e.currentTarget.value })}
              onBlur={autosave}
            />
            <label class="check small">
              <input
                type="checkbox"
                checked={skipped()[q.id] ?? false}
                onChange={(e) => setSkipped({ ...skipped(), [q.id]: e.currentTarget.checked })}
              />{' '}
              Skip
            </label>
          </fieldset>
        )}
      </For>
      <FormError message={error()} />
      <div class="actions">
        <button type="submit" disabled={sending()}>
          Send answers
        </button>
      </div>
    </form>
  );
}
