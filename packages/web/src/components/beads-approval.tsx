import { createQuery } from '@tanstack/solid-query';
import { createSignal, type JSX, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, type BeadsView } from '../lib/trpc.ts';
import { ApproveButton } from './approve-button.tsx';
import { BeadPlanEditor } from './bead-plan-editor.tsx';
import { BeadsRawEditor } from './beads-raw-editor.tsx';
import { CouncilRecord } from './council-record.tsx';
import { CoverageSummary } from './coverage-summary.tsx';
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
  const [isStructuredDirty, setStructuredDirty] = createSignal(false);
  const [isRawDirty, setRawDirty] = createSignal(false);
  return (
    <>
      <Show when={review.data}>
        {(r) => (
          <CoverageSummary
            ticketId={props.ticketId}
            domain="beads"
            coverage={r().coverage}
            candidateVersion={r().candidateVersion}
            canFixGaps={props.isGate}
          />
        )}
      </Show>
      <ViewTabs label="Bead plan view" tabs={TABS} current={tab()} onSelect={setTab} />
      {/* keyed on the hash: a saved (or reloaded) plan starts fresh editors */}
      <Show when={props.view.contentSha256} keyed>
        <div hidden={tab() !== 'structured'}>
          <BeadPlanEditor view={props.view} onDirty={setStructuredDirty} />
        </div>
        <div hidden={tab() !== 'raw'}>
          <BeadsRawEditor view={props.view} onDirty={setRawDirty} />
        </div>
      </Show>
      <Show when={review.data}>{(r) => <CouncilRecord council={r().council} />}</Show>
      <Show when={props.isGate}>
        <ApproveButton
          label="Approve bead plan"
          what="the bead plan"
          sha={props.view.contentSha256}
          blockedReason={
            isStructuredDirty() || isRawDirty() ? 'Save or discard your edits to the plan before approving.' : null
          }
          approve={(sha) => api.ticketActions.approveBeads.mutate({ id: props.ticketId, expectedContentSha256: sha })}
        />
      </Show>
    </>
  );
}

/**
 * The bead plan approval view (workflow.md §9.6), the last human gate before code changes: editable at
 * WAITING_BEADS_APPROVAL, read-only (collapsed) afterwards.
 */
export function BeadsApproval(props: { ticketId: string; isGate: boolean }) {
  const plan = createQuery(() => ({
    queryKey: keys.beads(props.ticketId),
    queryFn: () => api.beads.get.query({ id: props.ticketId }),
  }));
  const frame = (body: JSX.Element) =>
    props.isGate ? (
      body
    ) : (
      <details>
        <summary>Show the approved bead plan</summary>
        {body}
      </details>
    );
  return (
    <Show when={plan.data?.exists && plan.data}>
      {(view) => (
        <section class="panel approval" aria-label="Bead plan approval" data-testid="beads-approval">
          <h2>
            {props.isGate ? 'Bead plan for approval' : 'Bead plan (approved, read-only)'}{' '}
            <span class="muted small">{view().beads.length} beads</span>
          </h2>
          {frame(<BeadsReview ticketId={props.ticketId} view={view()} isGate={props.isGate} />)}
        </section>
      )}
    </Show>
  );
}
