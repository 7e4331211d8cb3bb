import type { Bead } from '@looptroop/core';

/**
 * A complete execution bead record (workflow.md §9.4), pending and untouched unless `over` says otherwise: for tests
 * that seed a bead plan the coding phase would have advanced (CONTRACTS 1).
 */
export const beadRecord = (id: string, priority: number, over: Partial<Bead> = {}): Bead => ({
  id,
  title: `Title of ${id}`,
  prdRefs: ['EPIC-1'],
  description: `Build ${id}.`,
  contextGuidance: { patterns: [], anti_patterns: [] },
  acceptanceCriteria: [`${id} works`],
  tests: [`A unit test for ${id}`],
  testCommands: ['node --test'],
  priority,
  status: 'pending',
  issueType: 'task',
  externalRef: 'AUTH-1',
  labels: [],
  dependencies: { blocked_by: [], blocks: [] },
  targetFiles: [`src/${id}.js`],
  failedIterationNotes: [],
  userRetryNotes: [],
  finalizationFailureNotes: [],
  iteration: 0,
  createdAt: '2026-04-23T09:00:00.000Z',
  updatedAt: '2026-04-23T09:00:00.000Z',
  startedAt: '',
  completedAt: '',
  beadStartCommit: null,
  ...over,
});
