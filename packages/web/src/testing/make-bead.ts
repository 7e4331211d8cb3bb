import type { Bead, BeadsView } from '../lib/trpc.ts';

/** A pending bead as `beads.get` returns it, for component tests. */
export function makeBead(id: string, blockedBy: string[] = [], over: Partial<Bead> = {}): Bead {
  return {
    id,
    title: `Title of ${id}`,
    prdRefs: ['EPIC-1'],
    description: `Build ${id}.`,
    contextGuidance: { patterns: ['Plain modules'], anti_patterns: ['No new dependencies'] },
    acceptanceCriteria: [`${id} works`],
    tests: [`A unit test for ${id}`],
    testCommands: ['node --test'],
    priority: 1,
    status: 'pending',
    issueType: 'task',
    externalRef: 'DEMO-1',
    labels: [],
    dependencies: { blocked_by: blockedBy, blocks: [] },
    targetFiles: [`src/${id}.js`],
    failedIterationNotes: [],
    userRetryNotes: [],
    finalizationFailureNotes: [],
    iteration: 1,
    createdAt: '2026-04-23T09:00:00.000Z',
    updatedAt: '2026-04-23T09:00:00.000Z',
    startedAt: '',
    completedAt: '',
    beadStartCommit: null,
    ...over,
  };
}

/** An editable plan of the given beads, priorities from their order. */
export function makeBeadsView(beads: Bead[], over: Partial<BeadsView> = {}): BeadsView {
  return {
    ticketId: 'DEMO-1',
    flow: 'main',
    exists: true,
    beads: beads.map((b, i) => ({ ...b, priority: i + 1 })),
    raw: beads.map((b) => JSON.stringify(b)).join('\n'),
    contentSha256: 'sha-loaded',
    editable: true,
    issues: [],
    ...over,
  };
}
