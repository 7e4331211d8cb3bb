import { createMutation, useMutationState, useQueryClient } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { errorMessage, type Ticket } from './trpc.ts';

/** One press of an action: the call, and the ticket's stage (length of its status history) it was pressed in. */
interface ActionRun {
  send: () => Promise<unknown>;
  stage: number;
}

const stageOf = (variables: unknown): number =>
  typeof variables === 'object' && variables !== null && 'stage' in variables && typeof variables.stage === 'number'
    ? variables.stage
    : -1;

/**
 * Run ticket actions from one place in the UI (`scope`): one at a time (`busy`), the server's refusal kept as inline
 * text (`error`), and the ticket read again afterwards either way, since a 409 usually means the page showed a stale
 * state (the session vanished, the status moved on).
 *
 * The state lives in the query client's mutation cache, not in the component: the ticket page re-renders its
 * panels when the ticket is read again, and a refusal must still be there afterwards. It is shown until the ticket
 * moves on (a new entry in `visitedStatuses`, which every transition appends) or another run of the same scope.
 */
export function createTicketActionRunner(ticket: () => Ticket, scope: string) {
  const client = useQueryClient();
  const key = () => ['ticket-action', ticket().id, scope];
  const stage = () => ticket().visitedStatuses.length;
  const mutation = createMutation(() => ({
    mutationKey: key(),
    mutationFn: (run: ActionRun) => run.send(),
    onSettled: () => client.invalidateQueries(),
  }));
  const runs = useMutationState(() => ({
    filters: { mutationKey: key(), exact: true },
    select: (m) => ({
      status: m.state.status,
      error: m.state.error ? errorMessage(m.state.error) : '',
      stage: stageOf(m.state.variables),
    }),
  }));
  const latest = () => runs().at(-1);
  /** A message of the UI's own (nothing to send yet), cleared by the next run. */
  const [note, setNote] = createSignal('');

  const busy = () => latest()?.status === 'pending';
  const error = () => {
    if (note()) return note();
    const run = latest();
    return run?.status === 'error' && run.stage === stage() ? run.error : '';
  };

  /** Resolves to true when the action succeeded; never rejects (the refusal shows as `error`). */
  const run = (send: () => Promise<unknown>): Promise<boolean> => {
    if (busy()) return Promise.resolve(false);
    setNote('');
    return mutation.mutateAsync({ send, stage: stage() }).then(
      () => true,
      () => false,
    );
  };

  return { run, busy, error, setError: setNote };
}
