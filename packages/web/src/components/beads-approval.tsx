import { createQuery } from '@tanstack/solid-query';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { approveGate } from '../lib/approve-input.ts';
import { createDocumentDraft } from '../lib/document-draft.ts';
import { createFixGaps } from '../lib/fix-gaps.ts';
import { keys } from '../lib/query-client.ts';
import { api, type Bead, type BeadsView } from '../lib/trpc.ts';
import { isPlanChanged, readDraftBeads } from '../state/bead-plan-edit.ts';
import { isFixBusy } from '../state/fix-gaps-run.ts';
import { ApproveButton } from './approve-button.tsx';
import { BeadPlanEditor } from './bead-plan-editor.tsx';
import { BeadsRawEditor } from './beads-raw-editor.tsx';
import { CouncilRecord } from './council-record.tsx';
import { CoverageSummary } from './coverage-summary.tsx';
import { DraftNotice } from './draft-notice.tsx';
import { ViewTabs } from './view-tabs.tsx';

const TABS = [
  { id: 'structured', label: 'Structured' },
  { id: 'raw', label: 'Raw JSONL' },
] as const;

function BeadsReview(props: { ticketId: string; view: BeadsView; isGate: boolean }) {
  const review = createQuery(() => ({
    queryKey: keys.review(props.ticketId, 'beads'),
    queryFn: () => api.planning.review.query({ id: props.ticketId, domain: 'beads' }),
  }));
  const [tab, setTab] = createSignal<(typeof TABS)[number]['id']>('structured');
  const isEditable = () => props.isGate && props.view.editable;
  const structured = createDocumentDraft<Bead[]>({
    ticketId: props.ticketId,
    scope: 'beads-draft',
    document: () => ({ sha: props.view.contentSha256, value: props.view.beads }),
    isEditable,
    equals: (a, b) => !isPlanChanged(a, b),
    readValue: (value) => readDraftBeads<Bead>(value),
  });
  const raw = createDocumentDraft<string>({
    ticketId: props.ticketId,
    scope: 'beads-raw-draft',
    document: () => ({ sha: props.view.contentSha256, value: props.view.raw ?? '' }),
    isEditable,
    equals: (a, b) => a === b,
    readValue: (value) => (typeof value === 'string' ? value : null),
  });
  const fix = createFixGaps({
    ticketId: props.ticketId,
    domain: 'beads',
    coverage: () => review.data?.coverage ?? null,
    isGate: () => props.isGate,
    serverRunning: () => review.data?.fixRunning,
  });
  const isFixing = () => isFixBusy(fix.run());
  // A raw draft restored after a reload is shown where it can be edited.
  createEffect(
    on(
      () => raw.notice()?.kind,
      (kind) => kind === 'restored' && setTab('raw'),
      { defer: true },
    ),
  );
  const saveBlockedReason = () => (isFixing() ? 'Save waits until the gap fix ends.' : null);
  const openGaps = () => {
    const coverage = review.data?.coverage;
    return coverage?.status === 'gaps' ? coverage.gaps : [];
  };
  return (
    <>
      <Show when={review.data}>
        {(r) => (
          <CoverageSummary
            domain="beads"
            coverage={r().coverage}
            candidateVersion={r().candidateVersion}
            fix={props.isGate ? fix : null}
          />
        )}
      </Show>
      <Show when={isEditable()}>
        <DraftNotice
          notice={structured.notice()}
          what="the bead plan"
          view="Structured"
          onRestore={() => structured.restore()}
          onDiscard={() => void structured.discard()}
        />
        <DraftNotice
          notice={raw.notice()}
          what="the bead plan"
          view="Raw JSONL"
          onRestore={() => raw.restore()}
          onDiscard={() => void raw.discard()}
        />
      </Show>
      <ViewTabs label="Bead plan view" tabs={TABS} current={tab()} onSelect={setTab} />
      {/* keyed on the hash: a saved (or reloaded) plan resets the editors' issues; the drafts live above them */}
      <Show when={props.view.contentSha256} keyed>
        <div hidden={tab() !== 'structured'}>
          <BeadPlanEditor view={props.view} draft={structured} saveBlockedReason={saveBlockedReason()} />
        </div>
        <div hidden={tab() !== 'raw'}>
          <BeadsRawEditor view={props.view} draft={raw} saveBlockedReason={saveBlockedReason()} />
        </div>
      </Show>
      <Show when={review.data}>{(r) => <CouncilRecord council={r().council} />}</Show>
      <Show when={props.isGate}>
        <ApproveButton
          label="Approve bead plan"
          what="the bead plan"
          sha={props.view.contentSha256}
          openGaps={openGaps()}
          blockedReason={
            isFixing()
              ? 'AI is fixing the coverage gaps; approval waits until it ends.'
              : structured.isDirty() || raw.isDirty()
                ? 'Save or discard your edits to the plan before approving.'
                : null
          }
          approve={(sha, reason) => approveGate('beads', props.ticketId, sha, reason)}
        />
      </Show>
    </>
  );
}

/**
 * The bead plan approval view (workflow.md §9.6), the last human gate before code changes: editable at
 * WAITING_BEADS_APPROVAL, read-only (collapsed) afterwards, and while planning runs again after a PRD edit.
 */
export function BeadsApproval(props: { ticketId: string; isGate: boolean; isReplanning?: boolean }) {
  const plan = createQuery(() => ({
    queryKey: keys.beads(props.ticketId),
    queryFn: () => api.beads.get.query({ id: props.ticketId }),
  }));
  const frame = (body: JSX.Element) =>
    props.isGate ? (
      body
    ) : (
      <details>
        <summary>{props.isReplanning ? 'Show the previous bead plan' : 'Show the approved bead plan'}</summary>
        {body}
      </details>
    );
  const heading = () =>
    props.isGate
      ? 'Bead plan for approval'
      : props.isReplanning
        ? 'Previous bead plan (read-only; the beads are being planned again)'
        : 'Bead plan (approved, read-only)';
  return (
    <Show when={plan.data?.exists && plan.data}>
      {(view) => (
        <section class="panel approval" aria-label="Bead plan approval" data-testid="beads-approval">
          <h2>
            {heading()} <span class="muted small">{view().beads.length} beads</span>
          </h2>
          {frame(<BeadsReview ticketId={props.ticketId} view={view()} isGate={props.isGate} />)}
        </section>
      )}
    </Show>
  );
}
