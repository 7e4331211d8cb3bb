import type { Presentation } from './schema.ts';

export const draftLabel = (index: number) => `Draft ${index + 1}`;

/** FNV-1a: a stable 32-bit hash of the seed text. */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A replayable shuffle of the valid drafts for one voter: the same seed and members always give the same order.
 * The input is sorted first, so the order does not depend on the order the drafts finished in.
 */
export function presentDrafts(memberIds: readonly string[], seed: string): Presentation {
  const order = [...new Set(memberIds)].sort();
  const random = mulberry32(hashSeed(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = order[i];
    const b = order[j];
    if (a === undefined || b === undefined) continue; // unreachable: both indexes are in range
    order[i] = b;
    order[j] = a;
  }
  return { seed, order };
}

/** The member behind a presented label, or undefined for a label the voter never saw. */
export function memberForLabel(presentation: Presentation, label: string): string | undefined {
  const match = /^Draft (\d+)$/.exec(label);
  return match ? presentation.order[Number(match[1]) - 1] : undefined;
}

export interface LabelledDraft {
  label: string;
  text: string;
  /** workflow.md §5.2.5: the author was steered by an operator answer; the prompt adds an anonymous note. */
  steeredByOperator: boolean;
}

/** The drafts as one voter sees them: labelled in presentation order, without any member id. */
export function labelDrafts(
  presentation: Presentation,
  drafts: ReadonlyMap<string, { text: string; steeredByOperator: boolean }>,
): LabelledDraft[] {
  return presentation.order.flatMap((memberId, index) => {
    const draft = drafts.get(memberId);
    return draft ? [{ label: draftLabel(index), text: draft.text, steeredByOperator: draft.steeredByOperator }] : [];
  });
}
