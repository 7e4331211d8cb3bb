import { planningScenario, type Scenario } from '@looptroop/testkit';
import { expect } from 'vitest';
import type { AgentWorld } from './agent-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field
type Json = any;

export async function waitForBatch(world: AgentWorld, ref: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await world.server.call('GET', `/api/tickets/${ref}/interview`)).json;
    if (view.currentBatch && view.session?.pendingAnswerIds.length === 0) return view;
    if (Date.now() > deadline) throw new Error(`no interview batch for ${ref}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Start a ticket, answer the first batch, skip the rest and approve: the skipped ids go to Full Answers (§8.1). */
export async function approvedInterview(
  world: AgentWorld,
  options: Parameters<typeof planningScenario>[0] = {},
  /** The scenario for the rest of the flow (planning by default); it gets the skipped ids for Full Answers. */
  scenario: (options: Parameters<typeof planningScenario>[0]) => Scenario = planningScenario,
): Promise<{ ref: string; skipped: string[] }> {
  world.model.setScenario(scenario(options));
  const ref = await world.createTicket();
  expect((await world.server.call('POST', `/api/tickets/${ref}/start`)).status).toBe(200);
  await world.waitForStatus(ref, 'WAITING_INTERVIEW_ANSWERS', 90_000);
  await waitForBatch(world, ref);
  const skip = await world.server.call('POST', `/api/tickets/${ref}/skip`, {
    answers: { Q01: 'Registered users' },
    selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
  });
  expect(skip.status, JSON.stringify(skip.json)).toBe(200);
  const view = (await world.server.call('GET', `/api/tickets/${ref}/interview`)).json;
  // Skip All keeps what the user gave, options-only answers included (§7.5).
  const q02 = view.document.questions.find((q: Json) => q.id === 'Q02');
  expect(q02.answer).toMatchObject({ skipped: false, selected_option_ids: ['opt-password', 'opt-sso'] });
  const skipped = view.document.questions.filter((q: Json) => q.answer.skipped).map((q: Json) => q.id as string);
  expect(skipped.length).toBeGreaterThan(0);
  // Full Answers must fill exactly these ids: give the scripted model the list before the PRD phase starts.
  world.model.setScenario(scenario({ ...options, skipped }));
  const approved = await world.server.call('POST', `/api/tickets/${ref}/approve-interview`, {
    expectedContentSha256: view.contentSha256,
  });
  expect(approved.status, JSON.stringify(approved.json)).toBe(200);
  return { ref, skipped };
}
