import { Match, Switch } from 'solid-js';
import type { FixGapsController } from '../lib/fix-gaps.ts';
import { createNow } from '../lib/now.ts';
import { clockTime } from '../state/autosave.ts';

const WORK: Record<'prd' | 'beads', { revising: string; finishing: string }> = {
  prd: {
    revising: 'one targeted revision of the PRD, then a fresh coverage audit',
    finishing: 'the new coverage audit is in; the fix is finishing',
  },
  beads: {
    revising: 'one revision of the blueprint, then a fresh coverage audit and a new expansion',
    finishing: 'the new coverage audit is in; the bead plan is being expanded again',
  },
};

/** Seconds since an ISO time, as "7 s" or "2 min 05 s". */
function elapsed(since: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(since)) / 1000));
  if (Number.isNaN(seconds)) return '';
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Where a "Fix gaps with AI" run stands: working (with what and for how long), failed, or done. */
export function FixGapsStatus(props: { domain: 'prd' | 'beads'; fix: FixGapsController }) {
  const nowMs = createNow();
  const run = () => props.fix.run();
  const running = () => {
    const r = run();
    return r.phase === 'running' ? r : null;
  };
  const ended = () => {
    const r = run();
    return r.phase === 'failed' || r.phase === 'done' ? r : null;
  };
  return (
    <Switch>
      <Match when={run().phase === 'starting'}>
        <div class="fix-progress" role="status" data-testid="fix-gaps-progress">
          <progress aria-label="Fix gaps with AI" />
          <span>Starting the gap fix…</span>
        </div>
      </Match>
      <Match when={running()}>
        {(r) => (
          <div class="fix-progress" role="status" data-testid="fix-gaps-progress">
            <progress aria-label="Fix gaps with AI" />
            <span>
              <strong>
                AI is fixing {r().gaps.length} gap{r().gaps.length === 1 ? '' : 's'}
              </strong>
              {`: ${WORK[props.domain][r().stage]}. Started ${clockTime(r().since)} · ${elapsed(r().since, nowMs())}. Approve and Save wait until it ends.`}
              {r().lastStep ? ` Latest: ${r().lastStep}` : ''}
            </span>
          </div>
        )}
      </Match>
      <Match when={ended()?.phase === 'failed' && ended()}>
        {(r) => (
          <div class="error fix-failed" role="alert" data-testid="fix-gaps-error">
            <strong>Fix gaps with AI failed.</strong> {r().message}{' '}
            <button type="button" class="ghost" onClick={() => props.fix.dismiss()}>
              Dismiss
            </button>
          </div>
        )}
      </Match>
      <Match when={ended()?.phase === 'done' && ended()}>
        {(r) => (
          <p class="ok small" data-testid="fix-gaps-done">
            {r().message}{' '}
            <button type="button" class="ghost" onClick={() => props.fix.dismiss()}>
              Dismiss
            </button>
          </p>
        )}
      </Match>
    </Switch>
  );
}
