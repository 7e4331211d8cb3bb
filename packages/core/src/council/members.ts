import type { CouncilMember } from './schema.ts';

/** workflow.md §5.1: the council in order, main implementer first, each with its locked effort variant. */
export function councilMembersOf(locked: {
  mainImplementer: string;
  mainImplementerVariant: string | null;
  councilMembers: readonly string[];
  councilMemberVariants: Readonly<Record<string, string>>;
}): CouncilMember[] {
  const ids = [...new Set([locked.mainImplementer, ...locked.councilMembers])];
  return ids.map((modelId) => ({
    modelId,
    variant:
      modelId === locked.mainImplementer
        ? (locked.mainImplementerVariant ?? locked.councilMemberVariants[modelId] ?? null)
        : (locked.councilMemberVariants[modelId] ?? null),
  }));
}
