import type { GraphBead } from './bead-graph.ts';

/** The fields of a bead the structured editor changes (workflow.md §9.6); everything else is carried along. */
export interface EditableBead extends GraphBead {
  title: string;
  description: string;
  targetFiles: readonly string[];
  dependencies: { blocked_by: readonly string[]; blocks?: readonly string[] };
}

/** One structured edit of the plan. The order of the list is the execution priority (§9.4). */
export type PlanEdit =
  | { type: 'move'; id: string; offset: -1 | 1 }
  | { type: 'title'; id: string; value: string }
  | { type: 'description'; id: string; value: string }
  | { type: 'blocker'; id: string; blockerId: string; isBlocking: boolean }
  | { type: 'target-files'; id: string; text: string };

/** A textarea with one entry per line → the entries, trimmed, without blank lines. */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Pure reducer of the structured bead editor: the plan after one edit (an edit of an unknown bead changes nothing). */
export function editPlan<T extends EditableBead>(beads: readonly T[], edit: PlanEdit): T[] {
  const index = beads.findIndex((b) => b.id === edit.id);
  const bead = beads[index];
  if (!bead) return [...beads];
  const replace = (next: T) => beads.map((b, i) => (i === index ? next : b));
  switch (edit.type) {
    case 'move': {
      const target = index + edit.offset;
      const other = beads[target];
      if (!other) return [...beads];
      return beads.map((b, i) => (i === index ? other : i === target ? bead : b));
    }
    case 'title':
      return replace({ ...bead, title: edit.value });
    case 'description':
      return replace({ ...bead, description: edit.value });
    case 'blocker': {
      if (edit.blockerId === bead.id) return [...beads];
      const others = bead.dependencies.blocked_by.filter((d) => d !== edit.blockerId);
      const blockedBy = edit.isBlocking ? [...others, edit.blockerId] : others;
      return replace({ ...bead, dependencies: { ...bead.dependencies, blocked_by: blockedBy } });
    }
    case 'target-files':
      return replace({ ...bead, targetFiles: parseLines(edit.text) });
    default: {
      const unhandled: never = edit;
      return unhandled;
    }
  }
}

const editedFields = (b: EditableBead) => [
  b.id,
  b.title,
  b.description,
  [...b.dependencies.blocked_by].sort(),
  b.targetFiles,
];

/** True when the edited plan differs from the loaded one in order or in an editable field. */
export function isPlanChanged(loaded: readonly EditableBead[], edited: readonly EditableBead[]): boolean {
  return JSON.stringify(loaded.map(editedFields)) !== JSON.stringify(edited.map(editedFields));
}

const isStringList = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');

function isEditableBead(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!('id' in value && 'title' in value && 'description' in value)) return false;
  if (!('targetFiles' in value && 'dependencies' in value)) return false;
  const { dependencies } = value;
  return (
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    typeof value.description === 'string' &&
    isStringList(value.targetFiles) &&
    typeof dependencies === 'object' &&
    dependencies !== null &&
    'blocked_by' in dependencies &&
    isStringList(dependencies.blocked_by)
  );
}

/**
 * An autosaved structured draft (ui-state `beads-draft`) → the beads, or null when it is not a plan. The editable
 * fields are checked; the rest of each bead was carried along unchanged from `beads.get` by our own autosave, and the
 * server validates the whole plan again on Save.
 */
export function readDraftBeads<T extends EditableBead>(value: unknown): T[] | null {
  if (!Array.isArray(value) || !value.every(isEditableBead)) return null;
  return value as T[]; // checked above (editable fields) and re-validated by PUT /beads
}
