import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, errorMessage } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

/** Pending OpenCode agent questions of a running ticket, answered or rejected in place (architecture.md §5.6). */
export function AgentQuestions(props: { ticketId: string; isActive: boolean }) {
  const client = useQueryClient();
  const [error, setError] = createSignal('');
  const questions = createQuery(() => ({
    queryKey: keys.questions(props.ticketId),
    queryFn: () => api.opencodeQuestions.list.query({ id: props.ticketId }),
    enabled: props.isActive,
  }));
  const reply = async (requestId: string, answer: string | null) => {
    setError('');
    try {
      if (answer === null) await api.opencodeQuestions.reject.mutate({ id: props.ticketId, requestId });
      else await api.opencodeQuestions.reply.mutate({ id: props.ticketId, requestId, answers: [[answer]] });
      await client.invalidateQueries({ queryKey: keys.questions(props.ticketId) });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Show when={(questions.data ?? []).length > 0}>
      <section class="panel" aria-label="The agent asks">
        <h2>The agent asks</h2>
        <For each={questions.data ?? []}>
          {(q) => (
            <div class="agent-question">
              <For each={q.questions}>
                {(item) => (
                  <div>
                    <p>{item.question}</p>
                    <div class="options">
                      <For each={item.options}>
                        {(o) => (
                          <button type="button" class="secondary" onClick={() => reply(q.requestId, o.label)}>
                            {o.label}
                          </button>
                        )}
                      </For>
                      <button type="button" class="ghost" onClick={() => reply(q.requestId, null)}>
                        Reject
                      </button>
                    </div>
                  </div>
                )}
              </For>
            </div>
          )}
        </For>
        <FormError message={error()} />
      </section>
    </Show>
  );
}
