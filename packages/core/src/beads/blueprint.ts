import type { BlueprintBead, ModelBlueprintBead } from './schema.ts';

const kebab = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * workflow.md §9.1 blueprint normalization: ids become kebab-case; a missing id becomes `bead-<i+1>`; a duplicate
 * gets `-2`, `-3`, …; `testCommandReason` is kept only when there is no command. Order is kept (it is the priority).
 */
export function normalizeBlueprint(beads: readonly ModelBlueprintBead[]): {
  beads: BlueprintBead[];
  warnings: string[];
} {
  const warnings: string[] = [];
  const used = new Set<string>();
  const result = beads.map((bead, index) => {
    let id = kebab(bead.id ?? '');
    if (!id) {
      id = `bead-${index + 1}`;
      warnings.push(`bead ${index + 1} had no id; it is now ${id}`);
    }
    if (used.has(id)) {
      let n = 2;
      while (used.has(`${id}-${n}`)) n++;
      warnings.push(`duplicate id ${id} became ${id}-${n}`);
      id = `${id}-${n}`;
    }
    used.add(id);
    if (!bead.prdRefs.length) warnings.push(`${id} has no prdRefs`);
    const out: BlueprintBead = {
      id,
      title: bead.title.trim(),
      prdRefs: bead.prdRefs,
      description: bead.description,
      contextGuidance: bead.contextGuidance,
      acceptanceCriteria: bead.acceptanceCriteria,
      tests: bead.tests,
      testCommands: bead.testCommands,
    };
    if (!bead.testCommands.length) out.testCommandReason = bead.testCommandReason?.trim() ?? '';
    return out;
  });
  return { beads: result, warnings };
}

/** Problems that make a blueprint unusable even after normalization (fed back to the model as a validation error). */
export function blueprintProblems(beads: readonly BlueprintBead[], knownRefs?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const bead of beads) {
    const unknown = knownRefs ? bead.prdRefs.filter((ref) => !knownRefs.has(ref)) : [];
    if (unknown.length)
      problems.push(`${bead.id}: prdRefs ${unknown.join(', ')} are not ids of the approved PRD (EPIC-n / US-n-m)`);
    if (!bead.testCommands.length && !bead.testCommandReason)
      problems.push(`${bead.id}: testCommands is empty, so testCommandReason is required`);
    if (!bead.contextGuidance.patterns.length || !bead.contextGuidance.anti_patterns.length)
      problems.push(`${bead.id}: contextGuidance needs at least one pattern and one anti-pattern`);
  }
  return problems;
}

/** §5.2.4 draft metrics for a blueprint. */
export const blueprintMetrics = (
  beads: readonly { tests: readonly string[]; acceptanceCriteria: readonly string[] }[],
) => ({
  beadCount: beads.length,
  totalTestCount: beads.reduce((n, b) => n + b.tests.length, 0),
  totalAcceptanceCriteriaCount: beads.reduce((n, b) => n + b.acceptanceCriteria.length, 0),
});
