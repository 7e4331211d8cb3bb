import { For, Show } from 'solid-js';
import type { GraphBead } from '../state/bead-graph.ts';

/** The plan in execution order, each bead indented under its deepest blocker: a small ordered dependency graph. */
export function BeadGraphList(props: {
  beads: readonly (GraphBead & { title: string })[];
  depths: ReadonlyMap<string, number | null>;
  onCycle: ReadonlySet<string>;
}) {
  return (
    <ol class="bead-graph" aria-label="Dependency graph">
      <For each={props.beads}>
        {(bead) => {
          const depth = () => props.depths.get(bead.id) ?? null;
          return (
            <li
              data-graph-bead={bead.id}
              class={depth() === null ? 'cycle' : ''}
              style={{ 'padding-left': `${(depth() ?? 0) * 1.5}rem` }}
            >
              {(depth() ?? 0) > 0 ? '↳ ' : ''}
              <code>{bead.id}</code> <span>{bead.title}</span>
              <Show when={bead.dependencies.blocked_by.length > 0}>
                <span class="muted small"> after {bead.dependencies.blocked_by.join(', ')}</span>
              </Show>
              <Show when={depth() === null}>
                <span class="error small">
                  {props.onCycle.has(bead.id) ? ' · on a dependency cycle' : ' · waits on a dependency cycle'}
                </span>
              </Show>
            </li>
          );
        }}
      </For>
    </ol>
  );
}
