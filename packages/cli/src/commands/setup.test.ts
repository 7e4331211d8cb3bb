import { describe, expect, it } from 'vitest';
import type { CommandContext } from './context.ts';
import { reopenBlockedSetupPlan } from './setup.ts';

/** A client that answers the two calls `setup edit` makes before it reads the plan, and records them. */
function contextFor(availableActions: string[]) {
  const calls: string[] = [];
  const notices: string[] = [];
  const client = {
    tickets: {
      get: {
        query: async ({ id }: { id: string }) => {
          calls.push(`get ${id}`);
          return { availableActions };
        },
      },
    },
    executionSetup: {
      edit: {
        mutate: async ({ id }: { id: string }) => {
          calls.push(`edit ${id}`);
          return { message: 'Back at the setup plan gate' };
        },
      },
    },
  };
  const out = { json: false, print() {}, line() {}, info: (m: string) => notices.push(m) };
  const ctx = { client, out, args: [], flags: {}, env: {} } as unknown as CommandContext;
  return { ctx, calls, notices };
}

describe('setup edit on a ticket blocked in workspace setup (workflow.md §4.4)', () => {
  it('sends the ticket back to the plan gate first when the server offers Edit setup plan', async () => {
    const { ctx, calls, notices } = contextFor(['retry', 'cancel', 'edit_execution_setup_plan']);
    expect(await reopenBlockedSetupPlan(ctx, 'APP-7')).toBe(true);
    expect(calls).toEqual(['get APP-7', 'edit APP-7']);
    expect(notices).toEqual(['APP-7: Back at the setup plan gate']);
  });

  it('leaves any other ticket as it is (the plan is edited at the gate)', async () => {
    const { ctx, calls, notices } = contextFor(['approve', 'cancel']);
    expect(await reopenBlockedSetupPlan(ctx, 'APP-8')).toBe(false);
    expect(calls).toEqual(['get APP-8']);
    expect(notices).toEqual([]);
  });
});
