import { For, type JSX, Show } from 'solid-js';
import { type PrdView, parsePrd, sectionLabel } from '../state/prd-document.ts';

function Items(props: { items: readonly string[]; empty?: string }) {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted small">{props.empty ?? 'None.'}</p>}>
      <ul>
        <For each={props.items}>{(item) => <li>{item}</li>}</For>
      </ul>
    </Show>
  );
}

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <section class="prd-section">
      <h4>{props.title}</h4>
      {props.children}
    </section>
  );
}

function Epics(props: { prd: PrdView }) {
  return (
    <For each={props.prd.epics}>
      {(epic) => (
        <article class="epic" data-epic={epic.id}>
          <h4>
            <code>{epic.id}</code> {epic.title}
          </h4>
          <Show when={epic.objective}>
            <p>{epic.objective}</p>
          </Show>
          <For each={epic.stories}>
            {(story) => (
              <div class="story" data-story={story.id}>
                <h5>
                  <code>{story.id}</code> {story.title}
                </h5>
                <div class="small muted">Acceptance criteria</div>
                <ol>
                  <For each={story.acceptanceCriteria}>
                    {(criterion, i) => (
                      <li title={`${epic.id}/${story.id}/AC-${i() + 1}`} data-ac={`AC-${i() + 1}`}>
                        {criterion}
                      </li>
                    )}
                  </For>
                </ol>
                <div class="small muted">Verification</div>
                <Show
                  when={story.requiredCommands.length > 0}
                  fallback={<p class="muted small">No required command.</p>}
                >
                  <ul class="commands">
                    <For each={story.requiredCommands}>
                      {(command) => (
                        <li>
                          <code>{command}</code>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
            )}
          </For>
        </article>
      )}
    </For>
  );
}

/** The PRD as a reader reviews it (workflow.md §8.2): product, scope, technical requirements, epics → stories, risks. */
export function PrdStructured(props: { raw: string }) {
  const parsed = () => parsePrd(props.raw);
  return (
    <Show
      when={parsed().prd}
      fallback={<p class="error">The structured view cannot read this PRD ({parsed().error}); use the raw YAML.</p>}
    >
      {(prd) => (
        <div class="prd" data-testid="prd-structured">
          <Section title="Problem statement">
            <p data-testid="problem-statement">{prd().problemStatement || '—'}</p>
          </Section>
          <Section title="Target users">
            <Items items={prd().targetUsers} />
          </Section>
          <div class="scope">
            <Section title="In scope">
              <Items items={prd().inScope} />
            </Section>
            <Section title="Out of scope">
              <Items items={prd().outOfScope} />
            </Section>
          </div>
          <Section title="Technical requirements">
            <Show when={prd().technicalRequirements.length > 0} fallback={<p class="muted small">None.</p>}>
              <dl class="requirements">
                <For each={prd().technicalRequirements}>
                  {(group) => (
                    <>
                      <dt>{sectionLabel(group.key)}</dt>
                      <dd>
                        <Items items={group.items} />
                      </dd>
                    </>
                  )}
                </For>
              </dl>
            </Show>
          </Section>
          <Section title={`Epics (${prd().epics.length})`}>
            <Epics prd={prd()} />
          </Section>
          <Section title="Risks">
            <Items items={prd().risks} />
          </Section>
        </div>
      )}
    </Show>
  );
}
