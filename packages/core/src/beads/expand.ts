import { isDeepStrictEqual } from 'node:util';
import { reverseDependencies, targetFileProblem } from './graph.ts';
import type { Bead, BeadIssue, BlueprintBead, ExpansionLine } from './schema.ts';

/**
 * PROM25 answers JSONL (one object per bead). The structured parser reads YAML, so the lines are wrapped into one
 * flow document `{lines: [...]}` first; fences and blank lines are dropped, and a JSON array answer is accepted too.
 */
export function jsonlToDocument(text: string): string {
  const body = text.replace(/```[a-z]*\n?/gi, '').trim();
  if (body.startsWith('[')) return `{"lines": ${body}}`;
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'));
  return lines.length ? `{"lines": [${lines.join(',\n')}]}` : text;
}

/** The blueprint fields expansion must copy byte-for-byte; drift is restored with a warning (§9.3). */
const RESTORED_FIELDS = [
  'description',
  'contextGuidance',
  'acceptanceCriteria',
  'tests',
  'testCommands',
  'testCommandReason',
] as const;

export type ExpansionOutcome =
  | { ok: true; beads: Bead[]; warnings: string[] }
  | { ok: false; errors: BeadIssue[]; warnings: string[] };

/** Default labels when the model gives none (§9.3): ticket, epics and stories of the bead's prdRefs. */
export function defaultLabels(externalRef: string, prdRefs: readonly string[]): string[] {
  const labels = [`ticket:${externalRef}`];
  for (const ref of prdRefs) {
    if (/^EPIC-/i.test(ref)) labels.push(`epic:${ref}`);
    else if (/^US-/i.test(ref)) labels.push(`story:${ref}`);
  }
  return labels;
}

/**
 * workflow.md §9.3: validate the model's expansion against the blueprint and hydrate the execution records.
 * Hard failures: count mismatch, reorder or changed title/prdRefs, duplicate ids, self/forward/unknown dependencies,
 * missing or unsafe target files. Restored with a warning: drift in the other blueprint fields. The app computes
 * priority, status, externalRef, blocks, iteration, note arrays and timestamps.
 */
export function applyExpansion(
  blueprint: readonly BlueprintBead[],
  lines: readonly ExpansionLine[],
  input: { externalRef: string; now: string },
): ExpansionOutcome {
  const errors: BeadIssue[] = [];
  const warnings: string[] = [];
  if (lines.length !== blueprint.length) {
    return {
      ok: false,
      errors: [
        {
          beadId: null,
          field: null,
          message: `Expansion returned ${lines.length} beads; the blueprint has ${blueprint.length}`,
        },
      ],
      warnings,
    };
  }
  const newIds = lines.map((l) => l.id.trim());
  const byBlueprintId = new Map(blueprint.map((b, i) => [b.id, newIds[i] ?? '']));
  const drafts = blueprint.map((source, index) => {
    const line = lines[index] as ExpansionLine;
    const id = newIds[index] ?? '';
    if (!id) errors.push({ beadId: source.id, field: 'id', message: `Bead ${index + 1} has no id` });
    if (newIds.indexOf(id) !== index) errors.push({ beadId: id, field: 'id', message: `Duplicate bead id ${id}` });
    if (line.title !== undefined && line.title.trim() !== source.title.trim()) {
      errors.push({
        beadId: id,
        field: 'title',
        message: `Bead ${index + 1} changed its title or order ("${source.title}" → "${line.title}")`,
      });
    }
    if (line.prdRefs !== undefined && !isDeepStrictEqual(line.prdRefs, source.prdRefs)) {
      errors.push({ beadId: id, field: 'prdRefs', message: `Bead ${id} changed its prdRefs` });
    }
    const record = line as Record<string, unknown>;
    for (const field of RESTORED_FIELDS) {
      if (record[field] !== undefined && !isDeepStrictEqual(record[field], source[field])) {
        warnings.push(`${id}: ${field} differed from the blueprint and was restored`);
      }
    }
    let rawDeps: string[] = [];
    if (Array.isArray(line.dependencies)) {
      rawDeps = line.dependencies;
      warnings.push(`${id}: a flat dependency list became blocked_by`);
    } else if (line.dependencies) rawDeps = (line.dependencies as { blocked_by: string[] }).blocked_by;
    const blockedBy: string[] = [];
    for (const dep of rawDeps) {
      const mapped = newIds.includes(dep) ? dep : byBlueprintId.get(dep);
      if (mapped && mapped !== dep) warnings.push(`${id}: dependency ${dep} was a blueprint id, mapped to ${mapped}`);
      const at = mapped ? newIds.indexOf(mapped) : -1;
      if (mapped === id) errors.push({ beadId: id, field: 'dependencies.blocked_by', message: `${id} blocks itself` });
      else if (at === -1)
        errors.push({ beadId: id, field: 'dependencies.blocked_by', message: `${id} depends on unknown bead ${dep}` });
      else if (at > index)
        errors.push({
          beadId: id,
          field: 'dependencies.blocked_by',
          message: `${id} depends on a later bead ${mapped}`,
        });
      else if (mapped && !blockedBy.includes(mapped)) blockedBy.push(mapped);
    }
    if (!line.targetFiles.length)
      errors.push({ beadId: id, field: 'targetFiles', message: `${id} names no target file` });
    for (const file of line.targetFiles) {
      const problem = targetFileProblem(file);
      if (problem) errors.push({ beadId: id, field: 'targetFiles', message: `${id}: ${problem}` });
    }
    const labels = line.labels.length ? line.labels : defaultLabels(input.externalRef, source.prdRefs);
    return { source, id, issueType: line.issueType || 'task', labels, blockedBy, targetFiles: line.targetFiles };
  });
  if (errors.length) return { ok: false, errors, warnings };
  const graph = drafts.map((d) => ({
    id: d.id,
    dependencies: { blocked_by: d.blockedBy },
    targetFiles: d.targetFiles,
  }));
  const blocks = reverseDependencies(graph);
  const beads = drafts.map(
    (d, index): Bead => ({
      ...d.source,
      id: d.id,
      priority: index + 1,
      status: 'pending',
      issueType: d.issueType,
      externalRef: input.externalRef,
      labels: d.labels,
      dependencies: { blocked_by: d.blockedBy, blocks: blocks.get(d.id) ?? [] },
      targetFiles: d.targetFiles,
      failedIterationNotes: [],
      userRetryNotes: [],
      finalizationFailureNotes: [],
      iteration: 1,
      createdAt: input.now,
      updatedAt: input.now,
      startedAt: '',
      completedAt: '',
      beadStartCommit: null,
    }),
  );
  return { ok: true, beads, warnings };
}

/** The canonical JSONL of a plan: one bead per line, in priority order. */
export const toJsonl = (beads: readonly Bead[]) => `${beads.map((b) => JSON.stringify(b)).join('\n')}\n`;
