import type { BeadIssue } from './schema.ts';

/** The part of a bead the graph check reads. */
export interface GraphBead {
  id: string;
  dependencies: { blocked_by: readonly string[] };
  targetFiles: readonly string[];
  acceptanceCriteria?: readonly string[];
  testCommands?: readonly string[];
  testCommandReason?: string | undefined;
  prdRefs?: readonly string[];
}

/** §9.3: project-relative, no absolute paths, drive letters or `..` segments. */
export function targetFileProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'an empty target file';
  if (p.startsWith('/') || p.startsWith('\\')) return `"${path}" is absolute`;
  if (/^[A-Za-z]:/.test(p)) return `"${path}" has a drive letter`;
  if (p.split(/[\\/]/).includes('..')) return `"${path}" leaves the project (..)`;
  return null;
}

/**
 * The cycles of the `blocked_by` graph, each as the bead ids along it (first id repeated at the end), found by a
 * depth-first search in list order so the report is deterministic.
 */
export function findCycles(beads: readonly GraphBead[]): string[][] {
  const edges = new Map(beads.map((b) => [b.id, b.dependencies.blocked_by.filter((d) => d !== b.id)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (!edges.has(next)) continue;
      const s = state.get(next);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (s !== 'done') visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const bead of beads) if (!state.has(bead.id)) visit(bead.id);
  return cycles;
}

/**
 * The dependency graph check before approval (issue 7, workflow.md §9.3/§9.6): unique ids, no self or unknown
 * dependencies, no cycles, project-relative target files, non-empty acceptance criteria, a reason whenever a bead
 * plans no test command, and (given the PRD's ids) `prdRefs` that exist (§9.1). Every problem names its bead.
 */
export function checkPlan(beads: readonly GraphBead[], options: { knownRefs?: ReadonlySet<string> } = {}): BeadIssue[] {
  const issues: BeadIssue[] = [];
  if (!beads.length) return [{ beadId: null, field: null, message: 'The plan has no beads' }];
  const ids = new Set<string>();
  for (const bead of beads) {
    if (!bead.id.trim()) issues.push({ beadId: bead.id, field: 'id', message: 'A bead has an empty id' });
    if (ids.has(bead.id)) issues.push({ beadId: bead.id, field: 'id', message: `Duplicate bead id ${bead.id}` });
    ids.add(bead.id);
  }
  for (const bead of beads) {
    for (const dep of bead.dependencies.blocked_by) {
      if (dep === bead.id) {
        issues.push({ beadId: bead.id, field: 'dependencies.blocked_by', message: `${bead.id} depends on itself` });
      } else if (!ids.has(dep)) {
        issues.push({
          beadId: bead.id,
          field: 'dependencies.blocked_by',
          message: `${bead.id} depends on unknown bead ${dep}`,
        });
      }
    }
    if (!bead.targetFiles.length)
      issues.push({ beadId: bead.id, field: 'targetFiles', message: `${bead.id} names no target file` });
    for (const file of bead.targetFiles) {
      const problem = targetFileProblem(file);
      if (problem) issues.push({ beadId: bead.id, field: 'targetFiles', message: `${bead.id}: ${problem}` });
    }
    for (const ref of bead.prdRefs ?? []) {
      if (options.knownRefs && !options.knownRefs.has(ref)) {
        issues.push({ beadId: bead.id, field: 'prdRefs', message: `${bead.id} references unknown PRD item ${ref}` });
      }
    }
    if (bead.acceptanceCriteria && !bead.acceptanceCriteria.length) {
      issues.push({ beadId: bead.id, field: 'acceptanceCriteria', message: `${bead.id} has no acceptance criteria` });
    }
    if (bead.testCommands && !bead.testCommands.length && !bead.testCommandReason?.trim()) {
      issues.push({
        beadId: bead.id,
        field: 'testCommandReason',
        message: `${bead.id} plans no test command and gives no reason`,
      });
    }
  }
  for (const cycle of findCycles(beads)) {
    for (const id of new Set(cycle)) {
      issues.push({
        beadId: id,
        field: 'dependencies.blocked_by',
        message: `Dependency cycle: ${cycle.join(' → ')}`,
      });
    }
  }
  return issues;
}

/** `blocks` is the reverse of `blocked_by` (§9.3 hydration), in list order. */
export function reverseDependencies(beads: readonly GraphBead[]): Map<string, string[]> {
  const blocks = new Map<string, string[]>(beads.map((b) => [b.id, []]));
  for (const bead of beads) {
    for (const dep of bead.dependencies.blocked_by) blocks.get(dep)?.push(bead.id);
  }
  return blocks;
}

export interface SchedulableBead {
  id: string;
  priority: number;
  status: string;
  dependencies: { blocked_by: readonly string[] };
}

/** §9.5: pending beads whose blockers are all done, by priority. The model never picks the order. */
export function runnableBeads<T extends SchedulableBead>(beads: readonly T[]): T[] {
  const done = new Set(beads.filter((b) => b.status === 'done').map((b) => b.id));
  return beads
    .filter((b) => b.status === 'pending' && b.dependencies.blocked_by.every((d) => done.has(d)))
    .sort((a, b) => a.priority - b.priority);
}

/** §9.5: the order the scheduler would run a fresh plan in (null when the graph cannot finish: a cycle or unknown dep). */
export function executionOrder<T extends SchedulableBead>(beads: readonly T[]): string[] | null {
  let state = beads.map((b) => ({ ...b, status: b.status === 'done' ? 'done' : 'pending' }));
  const order: string[] = [];
  for (;;) {
    const next = runnableBeads(state)[0];
    if (!next) break;
    order.push(next.id);
    state = state.map((b) => (b.id === next.id ? { ...b, status: 'done' } : b));
  }
  return order.length === beads.filter((b) => b.status !== 'done').length ? order : null;
}
