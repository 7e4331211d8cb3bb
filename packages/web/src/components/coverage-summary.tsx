import { For, Show } from 'solid-js';
import type { FixGapsController } from '../lib/fix-gaps.ts';
import type { PlanningReview } from '../lib/trpc.ts';
import { FixGapsStatus } from './fix-gaps-status.tsx';

type Coverage = NonNullable<PlanningReview['coverage']>;

/**
 * The coverage result of a planning gate (workflow.md §5.7): every pass, and the gaps still open — prominently when
 * the loop stopped on its cap, because those gaps were never resolved. "Fix gaps with AI" runs one more revision and
 * audit in the background (§8.5, §9.6); `fix` is null where it is not offered (past the gate).
 */
export function CoverageSummary(props: {
  domain: 'prd' | 'beads';
  coverage: Coverage | null;
  candidateVersion: number;
  fix: FixGapsController | null;
}) {
  const isFixing = () => {
    const phase = props.fix?.run().phase;
    return phase === 'running' || phase === 'starting';
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
                <Show when={props.fix}>
                  {(fix) => (
                    <div class="actions">
                      <button type="button" class="secondary" disabled={isFixing()} onClick={() => void fix().start()}>
                        {isFixing() ? 'Fixing gaps…' : 'Fix gaps with AI'}
                      </button>
                    </div>
                  )}
                </Show>
              </div>
            </Show>
            <Show when={props.fix}>{(fix) => <FixGapsStatus domain={props.domain} fix={fix()} />}</Show>
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
