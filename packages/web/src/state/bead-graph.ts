/** The part of a bead the dependency views read. */
export interface GraphBead {
  id: string;
  dependencies: { blocked_by: readonly string[] };
}

/** `blocks`, the reverse of `blocked_by` (workflow.md §9.3), recomputed from the plan as edited, in plan order. */
export function blocksOf(beads: readonly GraphBead[]): Map<string, string[]> {
  const blocks = new Map<string, string[]>(beads.map((b) => [b.id, []]));
  for (const bead of beads) {
    for (const dep of new Set(bead.dependencies.blocked_by)) if (dep !== bead.id) blocks.get(dep)?.push(bead.id);
  }
  return blocks;
}

/**
 * Every bead that must finish before `id` can start (its blockers, their blockers, …), in plan order. Unknown ids are
 * left out and a cycle does not loop: the chain is what a reader follows upstream from the bead.
 */
export function upstreamChain(beads: readonly GraphBead[], id: string): string[] {
  const byId = new Map(beads.map((b) => [b.id, b]));
  const seen = new Set<string>();
  const pending = [...(byId.get(id)?.dependencies.blocked_by ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const bead = byId.get(next);
    if (!bead || seen.has(next) || next === id) continue;
    seen.add(next);
    pending.push(...bead.dependencies.blocked_by);
  }
  return beads.filter((b) => seen.has(b.id)).map((b) => b.id);
}

/**
 * The indentation level of each bead in the graph list: 0 without (known) blockers, else one more than its deepest
 * blocker. A bead on a dependency cycle, or downstream of one, has no level (null): no order can satisfy it.
 */
export function dependencyDepths(beads: readonly GraphBead[]): Map<string, number | null> {
  const byId = new Map(beads.map((b) => [b.id, b]));
  const depths = new Map<string, number | null>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number | null => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return null;
    visiting.add(id);
    let depth: number | null = 0;
    for (const dep of byId.get(id)?.dependencies.blocked_by ?? []) {
      if (!byId.has(dep)) continue;
      const d = dep === id ? null : depthOf(dep);
      depth = d === null || depth === null ? null : Math.max(depth, d + 1);
    }
    visiting.delete(id);
    depths.set(id, depth);
    return depth;
  };
  for (const bead of beads) depthOf(bead.id);
  return depths;
}

/** The beads that sit on a dependency cycle (each one waits, through its blockers, on itself). */
export function cycleMembers(beads: readonly GraphBead[]): Set<string> {
  const byId = new Map(beads.map((b) => [b.id, b]));
  const isOnCycle = (id: string) => {
    const seen = new Set<string>();
    const pending = [...(byId.get(id)?.dependencies.blocked_by ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next === id) return true;
      const bead = byId.get(next);
      if (!bead || seen.has(next)) continue;
      seen.add(next);
      pending.push(...bead.dependencies.blocked_by);
    }
    return false;
  };
  return new Set(beads.filter((b) => isOnCycle(b.id)).map((b) => b.id));
}
