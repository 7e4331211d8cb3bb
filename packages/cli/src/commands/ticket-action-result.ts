import type { RouterOutputs } from '@looptroop/core';
import type { Output } from '../output.ts';

type ActionResult = RouterOutputs['ticketActions']['start'];

/** What every ticket action prints: the server's message and where the ticket is now. */
export function printActionResult(out: Output, result: ActionResult): number {
  out.print(result, () => `${result.message}: ${result.ticketId} is ${result.status}`);
  return result.status === 'BLOCKED_ERROR' ? 1 : 0;
}
