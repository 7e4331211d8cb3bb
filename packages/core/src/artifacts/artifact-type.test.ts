import { describe, expect, it } from 'vitest';
import { STATUS_CATALOG } from '../lifecycle/statuses.ts';
import { ArtifactType, artifactTypeOf, parseArtifactTypeName, userEditReceiptOf } from './artifact-type.ts';

describe('artifact type names (workflow.md §14.2)', () => {
  it.each([
    ['prd', 'prd'],
    ['beads_coverage', 'beads_coverage'],
    ['bead_execution:B-3', 'bead_execution:B-3'],
    ['beads:release/2.0', 'beads:release/2.0'],
    ['ui_artifact_companion:prd:v2', 'ui_artifact_companion:prd:v2'],
    ['prd_draft', undefined],
    ['bead_execution:', undefined],
    ['nonsense:B-3', undefined],
    ['', undefined],
  ])('parses %j as %j', (text, expected) => {
    expect(parseArtifactTypeName(text)).toBe(expected);
  });

  it('builds parametrised types with the kind before the colon', () => {
    expect(artifactTypeOf('bead_diff', 'B-7')).toBe('bead_diff:B-7');
    expect(userEditReceiptOf('execution_setup_plan')).toBe('user_edit_receipt:execution_setup_plan');
  });

  it('names every review artifact of the status catalogue', () => {
    const reviewed = STATUS_CATALOG.flatMap((s) => (s.reviewArtifact ? [s.reviewArtifact] : []));
    expect(reviewed.length).toBeGreaterThan(3);
    for (const type of reviewed) expect(ArtifactType.options, type).toContain(type);
  });
});
