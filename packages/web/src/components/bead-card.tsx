import { For, Show } from 'solid-js';
import type { Bead } from '../lib/trpc.ts';
import type { PlanEdit } from '../state/bead-plan-edit.ts';
import type { PlanIssue } from '../state/plan-issues.ts';

function List(props: { items: readonly string[]; code?: boolean }) {
  return (
    <Show when={props.items.length > 0} fallback={<span class="muted">none</span>}>
      <ul>
        <For each={props.items}>{(item) => <li>{props.code ? <code>{item}</code> : item}</li>}</For>
      </ul>
    </Show>
  );
}

/**
 * One bead of the plan (workflow.md §9.4, §9.6): what it does, how it is checked, what it touches, and where it sits
 * in the dependency graph. In edit mode its title, description, blockers and target files are inputs.
 */
export function BeadCard(props: {
  bead: Bead;
  position: number;
  total: number;
  /** Ids of the other beads, in plan order: the possible blockers. */
  planIds: readonly string[];
  blocks: readonly string[];
  chain: readonly string[];
  /** Level in the dependency graph; null when the bead is on, or waits behind, a dependency cycle. */
  depth: number | null;
  isOnCycle: boolean;
  issues: readonly PlanIssue[];
  isEditable: boolean;
  isEditing: boolean;
  onToggleEdit: () => void;
  onEdit: (edit: PlanEdit) => void;
}) {
  const id = () => props.bead.id;
  const blockedBy = () => props.bead.dependencies.blocked_by;
  return (
    <li class={`bead ${props.issues.length ? 'has-issues' : ''}`} data-bead={id()}>
      <header class="bead-head">
        <span class="bead-order" title="Execution order (priority)">
          #{props.position + 1}
        </span>
        <code>{id()}</code>
        <strong class="bead-title">{props.bead.title}</strong>
        <span class="badge">{props.bead.issueType}</span>
        <Show when={props.depth === null}>
          <span class="badge danger">{props.isOnCycle ? 'in a dependency cycle' : 'waits on a dependency cycle'}</span>
        </Show>
        <Show when={props.isEditable}>
          <span class="spacer" />
          <button
            type="button"
            class="ghost"
            aria-label={`Move ${id()} up`}
            disabled={props.position === 0}
            onClick={() => props.onEdit({ type: 'move', id: id(), offset: -1 })}
          >
            ↑
          </button>
          <button
            type="button"
            class="ghost"
            aria-label={`Move ${id()} down`}
            disabled={props.position === props.total - 1}
            onClick={() => props.onEdit({ type: 'move', id: id(), offset: 1 })}
          >
            ↓
          </button>
          <button type="button" class="secondary" aria-expanded={props.isEditing} onClick={() => props.onToggleEdit()}>
            {props.isEditing ? 'Done' : 'Edit'}
          </button>
        </Show>
      </header>
      <Show when={props.issues.length > 0}>
        <ul class="bead-issues error" data-testid={`issues-${id()}`}>
          <For each={props.issues}>
            {(issue) => (
              <li>
                {issue.field ? <code>{issue.field}</code> : null} {issue.message}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.isEditing}>
        <div class="bead-form">
          <label>
            Title
            <input
              aria-label={`Title of ${id()}`}
              value={props.bead.title}
              onInput={(e) => props.onEdit({ type: 'title', id: id(), value: e.currentTarget.value })}
            />
          </label>
          <label>
            Description
            <textarea
              aria-label={`Description of ${id()}`}
              rows={3}
              value={props.bead.description}
              onInput={(e) => props.onEdit({ type: 'description', id: id(), value: e.currentTarget.value })}
            />
          </label>
          <label>
            Target files (one per line)
            <textarea
              aria-label={`Target files of ${id()}`}
              rows={Math.max(2, props.bead.targetFiles.length)}
              value={props.bead.targetFiles.join('\n')}
              onChange={(e) => props.onEdit({ type: 'target-files', id: id(), text: e.currentTarget.value })}
            />
          </label>
          <fieldset class="blockers">
            <legend>Blocked by</legend>
            <For each={props.planIds.filter((other) => other !== id())}>
              {(other) => (
                <label class="check small">
                  <input
                    type="checkbox"
                    aria-label={`${id()} is blocked by ${other}`}
                    checked={blockedBy().includes(other)}
                    onChange={(e) =>
                      props.onEdit({ type: 'blocker', id: id(), blockerId: other, isBlocking: e.currentTarget.checked })
                    }
                  />
                  <code>{other}</code>
                </label>
              )}
            </For>
          </fieldset>
        </div>
      </Show>
      <dl class="bead-fields">
        <Show when={!props.isEditing}>
          <dt>Description</dt>
          <dd class="prewrap">{props.bead.description || '—'}</dd>
        </Show>
        <dt>Acceptance criteria</dt>
        <dd>
          <List items={props.bead.acceptanceCriteria} />
        </dd>
        <dt>Tests</dt>
        <dd>
          <List items={props.bead.tests} />
        </dd>
        <dt>Planned commands</dt>
        <dd data-testid={`commands-${id()}`}>
          <Show
            when={props.bead.testCommands.length > 0}
            fallback={<span class="muted">No command: {props.bead.testCommandReason || 'no reason given'}</span>}
          >
            <List items={props.bead.testCommands} code />
          </Show>
        </dd>
        <Show when={!props.isEditing}>
          <dt>Target files</dt>
          <dd>
            <List items={props.bead.targetFiles} code />
          </dd>
        </Show>
        <dt>PRD refs</dt>
        <dd>
          <List items={props.bead.prdRefs} code />
        </dd>
        <dt>Dependencies</dt>
        <dd class="deps" data-testid={`deps-${id()}`}>
          <div>
            Blocked by: <span data-blocked-by>{blockedBy().join(', ') || 'nothing'}</span>
          </div>
          <div>
            Blocks: <span data-blocks>{props.blocks.join(', ') || 'nothing'}</span>
          </div>
          <Show when={props.chain.length > 0}>
            <div class="muted small">Chain: {[...props.chain, id()].join(' → ')}</div>
          </Show>
        </dd>
      </dl>
    </li>
  );
}
