import { For, Show } from 'solid-js';
import type { SetupPlanView } from '../lib/trpc.ts';

type Plan = NonNullable<SetupPlanView['plan']>;
type Command = Plan['workspaceProbes'][number]['command'];

const commandText = (c: Command) => (c.kind === 'exec' ? [c.program, ...c.args].join(' ') : `[${c.shell}] ${c.script}`);

/** The setup plan as a reader checks it (workflow.md §10.3): readiness, the probes, the steps and the cautions. */
export function SetupPlanStructured(props: { plan: Plan }) {
  return (
    <div data-testid="setup-plan-structured">
      <p>
        <strong>Readiness: {props.plan.readiness.status}</strong>
        {props.plan.readiness.actionsRequired ? ' — actions required' : ''}. {props.plan.summary}
      </p>
      <h3>Probes</h3>
      <ol>
        <For each={props.plan.workspaceProbes}>
          {(p) => (
            <li>
              <code>{commandText(p.command)}</code> — {p.purpose}
            </li>
          )}
        </For>
      </ol>
      <h3>Steps</h3>
      <Show when={props.plan.steps.length} fallback={<p class="muted">None: the workspace is ready as it is.</p>}>
        <ol>
          <For each={props.plan.steps}>
            {(s) => (
              <li>
                <strong>{s.title}</strong>: <code>{s.commands.map(commandText).join(' && ')}</code>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <For each={props.plan.cautions}>{(c) => <p class="warning">⚠ {c}</p>}</For>
    </div>
  );
}
