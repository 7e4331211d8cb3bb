import { invalidInput } from '../errors.ts';

/** workflow.md §1.1: the council is the main implementer plus 1–9 distinct extra members (10 total). */
export const MAX_COUNCIL_SIZE = 10;
export const MIN_COUNCIL_SIZE = 2;

/** Put the main implementer first and drop duplicates, keeping the user's order otherwise. */
export function normalizeCouncil(mainImplementer: string, members: readonly string[]): string[] {
  return [...new Set([mainImplementer, ...members])];
}

export function assertCouncilValid(council: readonly string[], minQuorum: number): void {
  if (council.length < MIN_COUNCIL_SIZE) {
    throw invalidInput('The council needs at least one member besides the main implementer', {
      councilMembers: council,
    });
  }
  if (council.length > MAX_COUNCIL_SIZE) {
    throw invalidInput(`The council has at most ${MAX_COUNCIL_SIZE} members including the main implementer`, {
      councilMembers: council,
    });
  }
  // architecture.md §3.1: a quorum above the council size guarantees a block, so refuse it up front.
  if (minQuorum > council.length) {
    throw invalidInput(`minCouncilQuorum (${minQuorum}) exceeds the council size (${council.length})`, {
      minCouncilQuorum: minQuorum,
      councilSize: council.length,
    });
  }
}
