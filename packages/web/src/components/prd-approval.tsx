import { createQuery } from '@tanstack/solid-query';
import { createSignal, type JSX, Show } from 'solid-js';
import { keys } from '../lib/query-client.ts';
import { api, type PlanningReview } from '../lib/trpc.ts';
import { ApproveButton } from './approve-button.tsx';
import { CouncilRecord } from './council-record.tsx';
import { CoverageSummary } from './coverage-summary.tsx';
import { FullAnswersPanel } from './full-answers-panel.tsx';
import { PrdEditor } from './prd-editor.tsx';
import { PrdStructured } from './prd-structured.tsx';
import { ViewTabs } from './view-tabs.tsx';

const TABS = [
  { id: 'structured', label: 'Structured' },
  { id: 'raw', label: 'Raw YAML' },
] as const;

function PrdReview(props: { review: PlanningReview & { raw: string }; isGate: boolean }) {
  const [tab, setTab] = createSignal<(typeof TABS)[number]['id']>('structured');
  const [isDirty, setDirty] = createSignal(false);
  return (
    <>
      <CoverageSummary
        ticketId={props.review.ticketId}
        domain="prd"
        coverage={props.review.coverage}
        candidateVersion={props.review.candidateVersion}
        canFixGaps={props.isGate}
      />
      <ViewTabs label="PRD view" tabs={TABS} current={tab()} onSelect={setTab} />
      <div hidden={tab() !== 'structured'}>
        <PrdStructured raw={props.review.raw} />
      </div>
      <div hidden={tab() !== 'raw'}>
        {/* keyed on the hash: a saved (or reloaded) PRD starts a fresh editor */}
        <Show when={props.review.contentSha256} keyed>
          <PrdEditor
            ticketId={props.review.ticketId}
            raw={props.review.raw}
            isEditable={props.isGate}
            onDirty={setDirty}
          />
        </Show>
      </div>
      <Show when={props.review.fullAnswers}>{(raw) => <FullAnswersPanel raw={raw()} />}</Show>
      <CouncilRecord council={props.review.council} />
      <Show when={props.isGate}>
        <ApproveButton
          label="Approve PRD"
          what="the PRD"
          sha={props.review.contentSha256}
          blockedReason={isDirty() ? 'Save or discard your YAML edits before approving.' : null}
          approve={(sha) =>
            api.ticketActions.approvePrd.mutate({ id: props.review.ticketId, expectedContentSha256: sha })
          }
        />
      </Show>
    </>
  );
}

/**
 * The PRD approval view (workflow.md §8.5): editable at WAITING_PRD_APPROVAL, read-only (collapsed) afterwards.
 */
export function PrdApproval(props: { ticketId: string; isGate: boolean }) {
  const review = createQuery(() => ({
    queryKey: keys.review(props.ticketId, 'prd'),
    queryFn: () => api.planning.review.query({ id: props.ticketId, domain: 'prd' }),
  }));
  const loaded = () => {
    const data = review.data;
    return data?.exists && data.raw !== null ? { ...data, raw: data.raw } : null;
  };
  const frame = (body: JSX.Element) =>
    props.isGate ? (
      body
    ) : (
      <details>
        <summary>Show the approved PRD</summary>
        {body}
      </details>
    );
  return (
    <Show when={loaded()}>
      {(data) => (
        <section class="panel approval" aria-label="PRD approval" data-testid="prd-approval">
          <h2>{props.isGate ? 'PRD for approval' : 'PRD (approved, read-only)'}</h2>
          {frame(<PrdReview review={data()} isGate={props.isGate} />)}
        </section>
      )}
    </Show>
  );
}
