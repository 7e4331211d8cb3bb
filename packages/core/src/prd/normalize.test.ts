import { describe, expect, it } from 'vitest';
import { normalizePrd, prdMetrics, prdRefIds } from './normalize.ts';
import { ModelPrd } from './schema.ts';

const story = (id?: string) => ({
  ...(id && { id }),
  title: 'Story',
  acceptance_criteria: ['works'],
});

describe('PRD normalization (§8.2)', () => {
  it('fills missing ids, renumbers duplicates and overwrites runtime fields', () => {
    const model = ModelPrd.parse({
      ticket_id: 'WRONG-1',
      status: 'weird',
      source_interview: { content_sha256: 'stale' },
      epics: [
        { title: 'One', user_stories: [story(), story('US-1-1')] },
        { id: 'EPIC-1', title: 'Two', user_stories: [story()] },
      ],
      risks: 'single risk',
    });
    const { prd, warnings } = normalizePrd(model, { ticketId: 'SMP-3', interviewSha256: 'abc' });
    expect(prd).toMatchObject({
      schema_version: 1,
      ticket_id: 'SMP-3',
      artifact: 'prd',
      status: 'draft',
      source_interview: { content_sha256: 'abc' },
      risks: ['single risk'],
      approval: { approved_by: '', approved_at: '' },
    });
    expect(prd.epics.map((e) => [e.id, e.user_stories.map((s) => s.id)])).toEqual([
      ['EPIC-1', ['US-1-1', 'US-1-3']],
      ['EPIC-2', ['US-2-1']],
    ]);
    expect(prd.technical_requirements.api_contracts).toEqual([]);
    expect(warnings).toContain('duplicate epic id EPIC-1 became EPIC-2');
    expect(warnings).toContain('duplicate story id US-1-1 became US-1-3');
    expect(prdMetrics(prd)).toEqual({ epicCount: 2, userStoryCount: 3, totalAcceptanceCriteriaCount: 3 });
    expect([...prdRefIds(prd)]).toEqual(['EPIC-1', 'US-1-1', 'US-1-3', 'EPIC-2', 'US-2-1']);
  });

  it.each([
    ['no epics', { epics: [] }],
    ['an epic without stories', { epics: [{ title: 'E', user_stories: [] }] }],
    ['a story without acceptance criteria', { epics: [{ title: 'E', user_stories: [{ title: 'S' }] }] }],
  ])('refuses %s', (_name, doc) => {
    expect(ModelPrd.safeParse(doc).success).toBe(false);
  });

  it('keeps the approved status when asked', () => {
    const model = ModelPrd.parse({ epics: [{ title: 'E', user_stories: [story()] }] });
    expect(normalizePrd(model, { ticketId: 'A-1', interviewSha256: 'x', status: 'approved' }).prd.status).toBe(
      'approved',
    );
  });
});
