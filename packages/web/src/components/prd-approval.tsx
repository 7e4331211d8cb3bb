import { createQuery } from '@tanstack/solid-query';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { approveGate } from '../lib/approve-input.ts';
import { createDocumentDraft } from '../lib/document-draft.ts';
import { createFixGaps } from '../lib/fix-gaps.ts';
import { keys } from '../lib/query-client.ts';
import { api, type PlanningReview } from '../lib/trpc.ts';
import { isFixBusy } from '../state/fix-gaps-run.ts';
import { ApproveButton } from './approve-button.tsx';
import { CouncilRecord } from './council-record.tsx';
import { CoverageSummary } from './coverage-summary.tsx';
import { DraftNotice } from './draft-notice.tsx';
import { EditApprovedPrdDialog } from './edit-approved-prd-dialog.tsx';
import { FullAnswersPanel } from './full-answers-panel.tsx';
import { PrdEditor } from './prd-editor.tsx';
import { PrdStructured } from './prd-structured.tsx';
import { ViewTabs } from './view-tabs.tsx';

const TABS = [
  { id: 'structured', label: 'Structured' },
  { id: 'raw', label: 'Raw YAML' },
] as const;

type LoadedReview = PlanningReview & { raw: string };

function PrdReview(props: {
  review: LoadedReview;
  isGate: boolean;
  /** The approved PRD is being edited in the beads phases (§4.8): Save restarts planning at DRAFTING_BEADS. */
  isEditingApproved: boolean;
  onApprovedSaved: (restartedPlanning: boolean) => void;
}) {
  const isEditable = () => props.isGate || props.isEditingApproved;
  const [tab, setTab] = createSignal<(typeof TABS)[number]['id']>(props.isEditingApproved ? 'raw' : 'structured');
  const draft = createDocumentDraft<string>({
    ticketId: props.review.ticketId,
    scope: 'prd-draft',
    document: () => ({ sha: props.review.contentSha256, value: props.review.raw }),
    isEditable,
    equals: (a, b) => a === b,
    readValue: (value) => (typeof value === 'string' ? value : null),
  });
  const fix = createFixGaps({
    ticketId: props.review.ticketId,
    domain: 'prd',
    coverage: () => props.review.coverage,
    isGate: () => props.isGate,
    serverRunning: () => props.review.fixRunning,
  });
  const isFixing = () => isFixBusy(fix.run());
  // A draft restored after a reload is shown where it can be edited.
  createEffect(
    on(
      () => draft.notice()?.kind,
      (kind) => kind === 'restored' && setTab('raw'),
      { defer: true },
    ),
  );
  const openGaps = () => (props.review.coverage?.status === 'gaps' ? props.review.coverage.gaps : []);
  return (
    <>
      <CoverageSummary
        domain="prd"
        coverage={props.review.coverage}
        candidateVersion={props.review.candidateVersion}
        fix={props.isGate ? fix : null}
      />
      <Show when={isEditable()}>
        <DraftNotice
          notice={draft.notice()}
          what="the PRD"
          onRestore={() => draft.restore()}
          onDiscard={() => void draft.discard()}
        />
      </Show>
      <ViewTabs label="PRD view" tabs={TABS} current={tab()} onSelect={setTab} />
      <div hidden={tab() !== 'structured'}>
        <PrdStructured raw={props.review.raw} />
      </div>
      <div hidden={tab() !== 'raw'}>
        <PrdEditor
          ticketId={props.review.ticketId}
          draft={draft}
          isEditable={isEditable()}
          saveBlockedReason={isFixing() ? 'Save waits until the gap fix ends.' : null}
          saveLabel={props.isEditingApproved ? 'Save PRD and restart bead planning' : 'Save PRD'}
          onSaved={(restarted) => props.isEditingApproved && props.onApprovedSaved(restarted)}
        />
      </div>
      <Show when={props.review.fullAnswers}>{(raw) => <FullAnswersPanel raw={raw()} />}</Show>
      <CouncilRecord council={props.review.council} />
      <Show when={props.isGate}>
        <ApproveButton
          label="Approve PRD"
          what="the PRD"
          sha={props.review.contentSha256}
          openGaps={openGaps()}
          blockedReason={
            isFixing()
              ? 'AI is fixing the coverage gaps; approval waits until it ends.'
              : draft.isDirty()
                ? 'Save or discard your YAML edits before approving.'
                : null
          }
          approve={(sha, reason) => approveGate('prd', props.review.ticketId, sha, reason)}
        />
      </Show>
    </>
  );
}

/**
 * The PRD approval view (workflow.md §8.5): editable at WAITING_PRD_APPROVAL, read-only (collapsed) afterwards. In
 * the beads phases the approved PRD can still be edited, after a confirmation: saving it restarts bead planning.
 */
export function PrdApproval(props: { ticketId: string; isGate: boolean; canEditApproved: boolean }) {
  const review = createQuery(() => ({
    queryKey: keys.review(props.ticketId, 'prd'),
    queryFn: () => api.planning.review.query({ id: props.ticketId, domain: 'prd' }),
  }));
  const [isEditingApproved, setEditingApproved] = createSignal(false);
  const [isConfirming, setConfirming] = createSignal(false);
  const [restartNote, setRestartNote] = createSignal('');
  createEffect(() => {
    if (!props.canEditApproved) setEditingApproved(false);
  });
  const loaded = (): LoadedReview | null => {
    const data = review.data;
    return data?.exists && data.raw !== null ? { ...data, raw: data.raw } : null;
  };
  const isOpen = () => props.isGate || isEditingApproved();
  const frame = (body: () => JSX.Element) => (
    <Show
      when={isOpen()}
      fallback={
        <details>
          {<summary>Show the approved PRD</summary>}
          {body()}
        </details>
      }
    >
      {body()}
    </Show>
  );
  return (
    <Show when={loaded()}>
      {(data) => (
        <section class="panel approval" aria-label="PRD approval" data-testid="prd-approval">
          <h2>
            {props.isGate
              ? 'PRD for approval'
              : isEditingApproved()
                ? 'Editing the approved PRD'
                : 'PRD (approved, read-only)'}
          </h2>
          <Show when={restartNote()}>
            <p class="ok small" role="status" data-testid="prd-restart-note">
              {restartNote()}
            </p>
          </Show>
          <Show when={!props.isGate && props.canEditApproved}>
            <div class="actions">
              <Show
                when={isEditingApproved()}
                fallback={
                  <button type="button" class="secondary" onClick={() => setConfirming(true)}>
                    Edit approved PRD…
                  </button>
                }
              >
                <button type="button" class="ghost" onClick={() => setEditingApproved(false)}>
                  Stop editing
                </button>
              </Show>
            </div>
          </Show>
          {frame(() => (
            <PrdReview
              review={data()}
              isGate={props.isGate}
              isEditingApproved={isEditingApproved()}
              onApprovedSaved={(restarted) => {
                setEditingApproved(false);
                setRestartNote(
                  restarted
                    ? 'PRD saved. Bead planning restarted at DRAFTING_BEADS from the edited PRD.'
                    : 'Nothing changed: the saved PRD is the same as the approved one, so bead planning goes on.',
                );
              }}
            />
          ))}
          <Show when={isConfirming()}>
            <EditApprovedPrdDialog
              onClose={() => setConfirming(false)}
              onConfirm={() => {
                setConfirming(false);
                setRestartNote('');
                setEditingApproved(true);
              }}
            />
          </Show>
        </section>
      )}
    </Show>
  );
}
