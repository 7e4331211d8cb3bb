import { createSignal, For, Show } from 'solid-js';
import { api, errorMessage, type PlanningReview } from '../lib/trpc.ts';
import { FormError } from './form-error.tsx';

type Coverage = NonNullable<PlanningReview['coverage']>;

/**
 * The coverage result of a planning gate (workflow.md §5.7): every pass, and the gaps still open — prominently when
 * the loop stopped on its cap, because those gaps were never resolved. "Fix gaps with AI" runs one more revision and
 * audit (§8.5, §9.6).
 */
export function CoverageSummary(props: {
  ticketId: string;
  domain: 'prd' | 'beads';
  coverage: Coverage | null;
  candidateVersion: number;
  canFixGaps: boolean;
}) {
  const [message, setMessage] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const fixGaps = async () => {
    setError('');
    setMessage('');
    setBusy(true);
    try {
      setMessage((await api.planning.fixGaps.mutate({ id: props.ticketId, domain: props.domain })).message);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="coverage" data-testid="coverage">
      <Show when={props.coverage} fallback={<p class="muted small">No coverage audit is recorded.</p>}>
        {(coverage) => (
          <>
            <p class="small">
              <strong>Coverage:</strong>{' '}
              <span class={coverage().status === 'clean' ? 'ok' : 'warn'} data-coverage-status={coverage().status}>
                {coverage().status === 'clean' ? 'clean' : `${coverage().gaps.length} gap(s) open`}
              </span>
              {` after ${coverage().passes.length} of at most ${coverage().maxPasses} pass(es) · candidate v${props.candidateVersion}`}
            </p>
            <Show when={coverage().gaps.length > 0}>
              <div class={`gaps-alert ${coverage().limitReached ? 'capped' : ''}`} data-testid="coverage-gaps">
                <strong>
                  {coverage().limitReached
                    ? `The coverage loop stopped at its cap of ${coverage().maxPasses} passes with these gaps unresolved:`
                    : 'The last coverage audit found these gaps:'}
                </strong>
                <ul>
                  <For each={coverage().gaps}>{(gap) => <li>{gap}</li>}</For>
                </ul>
                <Show when={props.canFixGaps}>
                  <div class="actions">
                    <Show when={message()}>
                      <span class="small">{message()}</span>
                    </Show>
                    <button type="button" class="secondary" disabled={busy()} onClick={fixGaps}>
                      Fix gaps with AI
                    </button>
                  </div>
                </Show>
                <FormError message={error()} />
              </div>
            </Show>
            <ol class="passes small muted">
              <For each={coverage().passes}>
                {(pass) => (
                  <li>
                    {`Pass ${pass.runNumber}: ${pass.status === 'clean' ? 'clean' : `${pass.gaps.length} gap(s)`}${pass.revised ? ' → revised' : ''}`}
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
    </div>
  );
}
