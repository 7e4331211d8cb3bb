import { useQueryClient } from '@tanstack/solid-query';
import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import type { DocumentDraft } from '../lib/document-draft.ts';
import { api, type Bead, type BeadsView, errorDetails, errorMessage } from '../lib/trpc.ts';
import { blocksOf, cycleMembers, dependencyDepths, upstreamChain } from '../state/bead-graph.ts';
import { editPlan, type PlanEdit } from '../state/bead-plan-edit.ts';
import { groupIssues, type PlanIssue, planIssuesOf } from '../state/plan-issues.ts';
import { BeadCard } from './bead-card.tsx';
import { BeadGraphList } from './bead-graph-list.tsx';
import { DraftActions } from './draft-actions.tsx';

/**
 * The bead plan, structured (workflow.md §9.6): the dependency graph, then every bead in execution order. Edits are
 * autosaved as a draft (`beads-draft`) until Save, which replaces the whole plan (`PUT /beads`); a refused plan shows
 * each issue on its bead.
 */
export function BeadPlanEditor(props: {
  view: BeadsView;
  draft: DocumentDraft<Bead[]>;
  /** Why Save must wait (a gap fix is running…), or null. */
  saveBlockedReason?: string | null;
}) {
  const client = useQueryClient();
  const beads = () => props.draft.value();
  const [issues, setIssues] = createSignal<PlanIssue[]>(props.view.issues);
  const [error, setError] = createSignal('');
  const [editing, setEditing] = createSignal<ReadonlySet<string>>(new Set());
  const ids = createMemo(() => beads().map((b) => b.id));
  const depths = createMemo(() => dependencyDepths(beads()));
  const blocks = createMemo(() => blocksOf(beads()));
  const onCycle = createMemo(() => cycleMembers(beads()));
  const grouped = createMemo(() => groupIssues(issues(), ids()));
  const apply = (edit: PlanEdit) => props.draft.edit(editPlan(beads(), edit));
  const toggleEditing = (id: string) => {
    const next = new Set(editing());
    if (!next.delete(id)) next.add(id);
    setEditing(next);
  };
  const save = async () => {
    setError('');
    try {
      await props.draft.commit((plan) =>
        api.beads.put.mutate({
          id: props.view.ticketId,
          beads: plan,
          ...(props.view.contentSha256 && { expectedContentSha256: props.view.contentSha256 }),
        }),
      );
      setIssues([]);
      await client.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
      setIssues(planIssuesOf(errorDetails(err)));
    }
  };
  const discard = async () => {
    setIssues(props.view.issues);
    setError('');
    await props.draft.discard();
  };
  return (
    <div class="bead-plan">
      <h3>Dependency graph</h3>
      <BeadGraphList beads={beads()} depths={depths()} onCycle={onCycle()} />
      <Show when={error()}>
        <div class="error" role="alert" data-testid="beads-save-error">
          <p>{error()}</p>
          <Show when={grouped().general.length > 0}>
            <ul>
              <For each={grouped().general}>{(issue) => <li>{issue.message}</li>}</For>
            </ul>
          </Show>
        </div>
      </Show>
      <h3>Beads in execution order</h3>
      <ol class="bead-list">
        <Index each={beads()}>
          {(bead, index) => (
            <BeadCard
              bead={bead()}
              position={index}
              total={beads().length}
              planIds={ids()}
              blocks={blocks().get(bead().id) ?? []}
              chain={upstreamChain(beads(), bead().id)}
              depth={depths().get(bead().id) ?? null}
              isOnCycle={onCycle().has(bead().id)}
              issues={grouped().byBead.get(bead().id) ?? []}
              isEditable={props.view.editable}
              isEditing={props.view.editable && editing().has(bead().id)}
              onToggleEdit={() => toggleEditing(bead().id)}
              onEdit={apply}
            />
          )}
        </Index>
      </ol>
      <Show when={props.view.editable}>
        <DraftActions
          draft={props.draft}
          saveLabel={'Save plan'}
          saveBlockedReason={props.saveBlockedReason}
          onSave={save}
          onDiscard={discard}
        />
      </Show>
    </div>
  );
}
