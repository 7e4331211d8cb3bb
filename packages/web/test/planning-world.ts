import type { RunningServer } from '@looptroop/api';
import {
  type PlanningScenarioOptions,
  planningScenario,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
} from '@looptroop/testkit';
import { expect } from 'vitest';
import { startWorld, type World } from './web-world.ts';

// The world of the planning browser tests: the scripted model, the real OpenCode binary, LoopTroop serving the built
// web app, a sample repository and headless Chromium — and the REST steps that bring a ticket to the PRD gate.

export { type Json, shots } from './web-world.ts';

export interface PlanningWorld extends World {
  model: ScriptedModel;
  opencode: RunningOpencode;
  server: RunningServer;
}

export async function startPlanningWorld(
  name: string,
  scenario: PlanningScenarioOptions = { prdCoverage: 'capped' },
): Promise<PlanningWorld> {
  const model = await startScriptedModel({ scenario: planningScenario(scenario) });
  const opencode = await startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] });
  const world = await startWorld(name, {
    env: { LOOPTROOP_OPENCODE_URL: opencode.url },
    viewport: { width: 1280, height: 900 },
  }).catch(async (error: unknown) => {
    await opencode.close();
    await model.close();
    throw error;
  });
  return {
    ...world,
    model,
    opencode,
    async close() {
      await world.close();
      await opencode.close();
      await model.close();
    },
  };
}

/**
 * Profile, project and ticket over REST, the interview skipped through (Skip All), approved, and the PRD drafted up to
 * WAITING_PRD_APPROVAL. Returns the ticket ref and the skipped question ids (the scripted Full Answers need them).
 */
export async function reachPrdApproval(
  world: PlanningWorld,
  options: { prdCoverage: PlanningScenarioOptions['prdCoverage']; maxPrdCoveragePasses: number },
): Promise<{ ref: string; skipped: string[] }> {
  const { rest, opencode } = world;
  await rest('POST', '/profile', {
    mainImplementer: opencode.modelIds[0],
    councilMembers: opencode.modelIds,
    minCouncilQuorum: 2,
    councilResponseTimeout: 30,
    structuredRetryCount: 1,
    interviewQuestions: 10,
    maxPrdCoveragePasses: options.maxPrdCoveragePasses,
  });
  const project = await rest('POST', '/projects', { name: 'Sample', shortname: 'SMP', folderPath: world.repo.dir });
  const created = await rest('POST', '/tickets', {
    projectId: project.id,
    title: 'Add login with SSO',
    description: 'Users log in with SSO.',
  });
  const ref = String(created.id);
  await rest('POST', `/tickets/${ref}/start`);
  await world.waitUntil(
    'the first interview batch',
    async () => {
      const view = await rest('GET', `/tickets/${ref}/interview`);
      const session = view.session as { pendingAnswerIds: string[] } | null;
      return Boolean(view.currentBatch) && session?.pendingAnswerIds.length === 0;
    },
    90_000,
  );
  await rest('POST', `/tickets/${ref}/skip`, {
    answers: { Q01: 'Registered users', Q02: 'Both' },
    selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
  });
  const interview = await rest('GET', `/tickets/${ref}/interview`);
  const questions = (interview.document as { questions: { id: string; answer: { skipped: boolean } }[] }).questions;
  const skipped = questions.filter((q) => q.answer.skipped).map((q) => q.id);
  expect(skipped.length).toBeGreaterThan(0);
  // Full Answers must fill exactly the skipped ids (workflow.md §8.1).
  world.model.setScenario(planningScenario({ prdCoverage: options.prdCoverage, skipped }));
  await rest('POST', `/tickets/${ref}/approve-interview`, { expectedContentSha256: interview.contentSha256 });
  await world.waitUntil(
    'WAITING_PRD_APPROVAL',
    async () => (await rest('GET', `/tickets/${ref}`)).status === 'WAITING_PRD_APPROVAL',
    120_000,
  );
  return { ref, skipped };
}
