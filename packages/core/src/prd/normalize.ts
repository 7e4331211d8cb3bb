import { type ModelPrd, PrdDocument, TECHNICAL_REQUIREMENT_KEYS } from './schema.ts';

/**
 * workflow.md §8.2 normalization of a model's PRD into the canonical document: runtime fields are overwritten
 * (ticket id, source interview hash, artifact), a missing epic id becomes `EPIC-<n>` and a missing story id
 * `US-<epic>-<story>`; duplicates are renumbered above the current maximum. Returns warnings for each change.
 */
export function normalizePrd(
  model: ModelPrd,
  runtime: { ticketId: string; interviewSha256: string; status?: 'draft' | 'approved' },
): { prd: PrdDocument; warnings: string[] } {
  const warnings: string[] = [];
  const epicIds = new Set<string>();
  const storyIds = new Set<string>();
  const maxOf = (ids: Set<string>, re: RegExp) =>
    Math.max(0, ...[...ids].map((id) => Number(re.exec(id)?.[1] ?? 0)).filter(Number.isFinite));
  const epics = model.epics.map((epic, e) => {
    let id = epic.id?.trim() || `EPIC-${e + 1}`;
    if (!epic.id?.trim()) warnings.push(`epic ${e + 1} had no id; it is now ${id}`);
    if (epicIds.has(id)) {
      const next = `EPIC-${maxOf(epicIds, /^EPIC-(\d+)$/) + 1}`;
      warnings.push(`duplicate epic id ${id} became ${next}`);
      id = next;
    }
    epicIds.add(id);
    const epicNumber = /^EPIC-(\d+)$/.exec(id)?.[1] ?? String(e + 1);
    const stories = epic.user_stories.map((story, s) => {
      let sid = story.id?.trim() || `US-${epicNumber}-${s + 1}`;
      if (!story.id?.trim()) warnings.push(`story ${s + 1} of ${id} had no id; it is now ${sid}`);
      if (storyIds.has(sid)) {
        let n = s + 2;
        while (storyIds.has(`US-${epicNumber}-${n}`)) n++;
        const next = `US-${epicNumber}-${n}`;
        warnings.push(`duplicate story id ${sid} became ${next}`);
        sid = next;
      }
      storyIds.add(sid);
      return {
        id: sid,
        title: story.title.trim(),
        acceptance_criteria: story.acceptance_criteria,
        implementation_steps: story.implementation_steps,
        verification: story.verification,
      };
    });
    return {
      id,
      title: epic.title.trim(),
      objective: epic.objective,
      implementation_steps: epic.implementation_steps,
      user_stories: stories,
    };
  });
  const tech = model.technical_requirements as Record<string, string[] | undefined>;
  const prd = PrdDocument.parse({
    schema_version: typeof model.schema_version === 'number' && model.schema_version > 0 ? model.schema_version : 1,
    ticket_id: runtime.ticketId,
    artifact: 'prd',
    status: runtime.status ?? (model.status === 'approved' ? 'approved' : 'draft'),
    source_interview: { content_sha256: runtime.interviewSha256 },
    product: model.product,
    scope: model.scope,
    technical_requirements: Object.fromEntries(TECHNICAL_REQUIREMENT_KEYS.map((k) => [k, tech[k] ?? []])),
    epics,
    risks: model.risks,
    approval: { approved_by: '', approved_at: '' },
  });
  return { prd, warnings };
}

/** §5.2.4 draft metrics for a PRD. */
export function prdMetrics(prd: Pick<ModelPrd, 'epics'>) {
  const stories = prd.epics.flatMap((e) => e.user_stories);
  return {
    epicCount: prd.epics.length,
    userStoryCount: stories.length,
    totalAcceptanceCriteriaCount: stories.reduce((n, s) => n + s.acceptance_criteria.length, 0),
  };
}

/** Every requirement id a bead may reference (`prdRefs`). */
export function prdRefIds(prd: PrdDocument): Set<string> {
  return new Set(prd.epics.flatMap((e) => [e.id, ...e.user_stories.map((s) => s.id)]));
}
