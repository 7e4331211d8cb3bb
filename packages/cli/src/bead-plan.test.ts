import type { RouterOutputs } from '@looptroop/core';
import { describe, expect, it } from 'vitest';
import { describeBeadPlan } from './bead-plan.ts';

type BeadsView = RouterOutputs['beads']['get'];
type Bead = BeadsView['beads'][number];

const bead = (id: string, blockedBy: string[], extra: Partial<Bead> = {}): Bead => ({
  id,
  title: `Title of ${id}`,
  prdRefs: [],
  description: '',
  contextGuidance: { patterns: [], anti_patterns: [] },
  acceptanceCriteria: ['works'],
  tests: ['a test'],
  testCommands: ['npm test'],
  priority: 1,
  status: 'pending',
  issueType: 'task',
  externalRef: 'T-1',
  labels: [],
  dependencies: { blocked_by: blockedBy, blocks: [] },
  targetFiles: [`src/${id}.ts`],
  failedIterationNotes: [],
  userRetryNotes: [],
  finalizationFailureNotes: [],
  iteration: 1,
  createdAt: '',
  updatedAt: '',
  startedAt: '',
  completedAt: '',
  beadStartCommit: null,
  ...extra,
});

const view = (beads: Bead[], issues: BeadsView['issues'] = [], editable = true): BeadsView => ({
  ticketId: 'T-1',
  flow: 'main',
  exists: true,
  beads,
  raw: '',
  contentSha256: 'abc',
  editable,
  issues,
});

describe('describeBeadPlan', () => {
  it('numbers the beads in execution order, padded, with the reason a bead runs no command', () => {
    const beads = Array.from({ length: 10 }, (_, i) => bead(`b${i + 1}`, i ? [`b${i}`] : []));
    beads[1] = bead('b2', ['b1'], { testCommands: [], testCommandReason: 'docs only' });
    const text = describeBeadPlan(view(beads));
    expect(text).toContain(
      ' 1. b1  Title of b1\n    blocked by  (none)\n    files       src/b1.ts\n    commands    npm test',
    );
    expect(text).toContain(
      ' 2. b2  Title of b2\n    blocked by  b1\n    files       src/b2.ts\n    commands    no command — docs only',
    );
    expect(text).toContain('10. b10  Title of b10');
    expect(text).toContain('Next      looptroop beads approve T-1');
  });

  it('lists the plan issues and a bead that is no longer pending; a read-only plan offers no approval', () => {
    const text = describeBeadPlan(
      view(
        [bead('a', ['x'], { status: 'done' })],
        [{ beadId: 'a', field: 'dependencies.blocked_by', message: 'a depends on unknown bead x' }],
        false,
      ),
    );
    expect(text).toContain('1. a  Title of a  [done]');
    expect(text).toContain('Issues    ⚠ 1 found\n  ⚠ a depends on unknown bead x');
    expect(text).toContain('read-only');
    expect(text).not.toContain('Next');
  });
});
