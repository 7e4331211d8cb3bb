// Orchestration figures (issue 15 §3): one ticket from DRAFT as far as the product takes it, on the real OpenCode
// binary against the instant scripted model, driven through the public REST API only, as a user would.
import { join } from 'node:path';
// bench/ is not a workspace package: testkit is imported by path (its dependencies resolve from its own folder).
import * as testkit from '../packages/testkit/src/index.ts';
import { fmt, progress, type Row } from './report.ts';
import { api, startServer } from './server-process.ts';
import { share, tally, unionLength } from './stats.ts';

type Json = Record<string, unknown>;
type ScenarioFactory = (options: { skipped?: string[]; prdCoverage?: 'clean' }) => testkit.Scenario;

/**
 * The longest scripted lifecycle testkit offers: a DRAFT → COMPLETED one once the lifecycle work exports it
 * (`lifecycleScenario`), else the execution scenario (interview, PRD, beads, pre-flight, setup plan, workspace setup).
 * Whatever it scripts, the bench follows the ticket until it rests and reports where.
 */
const scenarioFactory = (): { name: string; make: ScenarioFactory } => {
  const lifecycle = (testkit as Record<string, unknown>).lifecycleScenario;
  if (typeof lifecycle === 'function') return { name: 'lifecycleScenario', make: lifecycle as ScenarioFactory };
  return { name: 'executionScenario', make: testkit.executionScenario };
};

const MODELS = ['alpha', 'beta', 'gamma'];
const TERMINAL = new Set(['COMPLETED', 'CANCELED']);
/** A status the product left on its own for this long is where the run stopped (a phase nothing scripts). */
const STALL_MS = 180_000;

interface Step {
  status: string;
  at: number;
}

export async function benchOrchestration(options: { dir: string }): Promise<Row[]> {
  const scenario = scenarioFactory();
  progress(`orchestration: ${scenario.name}, real OpenCode, scripted model`);
  const model = await testkit.startScriptedModel({ scenario: scenario.make({ prdCoverage: 'clean' }) });
  const opencode = await testkit.startOpencode({ modelUrl: model.url, models: MODELS });
  const repo = await testkit.createTempRepo();
  const server = await startServer(join(options.dir, 'orchestration-data'), {
    env: { LOOPTROOP_OPENCODE_URL: opencode.url },
  });
  const call = <T = Json>(method: string, path: string, body?: unknown) => api<T>(server.url, method, path, body);
  try {
    const ids = opencode.modelIds;
    await call('POST', '/api/profile', {
      mainImplementer: ids[0],
      councilMembers: ids,
      minCouncilQuorum: 2,
      councilResponseTimeout: 30,
      structuredRetryCount: 1,
      interviewQuestions: 10,
    });
    // As the profile form does: the model list, fetched from OpenCode once (seconds cold), is warm before a start.
    await call('GET', '/api/models');
    const project = await call<{ id: number }>('POST', '/api/projects', {
      name: 'Sample',
      shortname: 'SMP',
      folderPath: repo.dir,
    });
    const ticket = await call<{ id: string }>('POST', '/api/tickets', {
      projectId: project.id,
      title: 'Add login with SSO',
      description: 'Users log in with SSO.',
    });
    const ref = ticket.id;
    const steps: Step[] = [];
    let gateMs = 0;
    /** The answers a person gives at each gate, through the same routes the web app uses. */
    const gates: Record<string, () => Promise<void>> = {
      WAITING_INTERVIEW_ANSWERS: async () => {
        for (;;) {
          const view = await call<Json & { currentBatch?: unknown; session?: { pendingAnswerIds: string[] } }>(
            'GET',
            `/api/tickets/${ref}/interview`,
          );
          if (view.currentBatch && view.session?.pendingAnswerIds.length === 0) break;
          await sleep(50);
        }
        // Skip All with one answer (§7.5); Full Answers then fills exactly the skipped ids, so the model is told.
        await call('POST', `/api/tickets/${ref}/skip`, {
          answers: { Q01: 'Registered users' },
          selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
        });
        const view = await call<{ document: { questions: { id: string; answer: { skipped: boolean } }[] } }>(
          'GET',
          `/api/tickets/${ref}/interview`,
        );
        const skipped = view.document.questions.filter((q) => q.answer.skipped).map((q) => q.id);
        model.setScenario(scenario.make({ prdCoverage: 'clean', skipped }));
      },
      WAITING_INTERVIEW_APPROVAL: approve(call, ref, 'interview', 'approve-interview'),
      WAITING_PRD_APPROVAL: approve(call, ref, 'review/prd', 'approve-prd'),
      WAITING_BEADS_APPROVAL: approve(call, ref, 'beads', 'approve-beads'),
      WAITING_EXECUTION_SETUP_APPROVAL: approve(call, ref, 'execution-setup-plan', 'approve-execution-setup-plan'),
      WAITING_PR_REVIEW: async () => {
        await call('POST', `/api/tickets/${ref}/merge`, {});
      },
    };

    const started = performance.now();
    await call('POST', `/api/tickets/${ref}/start`, {});
    let status = 'DRAFT';
    let stopReason = '';
    for (;;) {
      const now = await call<{ status: string; errorMessage: string | null; workflowRevision: number }>(
        'GET',
        `/api/tickets/${ref}`,
      );
      const at = performance.now() - started;
      if (now.status !== status) {
        status = now.status;
        steps.push({ status, at });
        progress(`  ${fmt(at / 1000)} s  ${status}`);
      }
      if (TERMINAL.has(status)) break;
      if (status === 'BLOCKED_ERROR') {
        stopReason = `blocked: ${now.errorMessage ?? ''}`.slice(0, 160);
        break;
      }
      const gate = gates[status];
      if (gate) {
        const before = performance.now();
        await gate();
        // The answer moves the ticket (possibly back to the same status: a new interview batch).
        while (
          (await call<{ workflowRevision: number }>('GET', `/api/tickets/${ref}`)).workflowRevision ===
          now.workflowRevision
        )
          await sleep(25);
        gateMs += performance.now() - before;
        status = '';
        continue;
      }
      if (at - (steps.at(-1)?.at ?? 0) > STALL_MS) {
        stopReason = `no progress for ${STALL_MS / 1000} s`;
        break;
      }
      await sleep(25);
    }
    const wallMs = performance.now() - started;
    return summarize({
      scenario: scenario.name,
      ref,
      steps,
      stopReason,
      wallMs,
      gateMs,
      startedEpochMs: performance.timeOrigin + started,
      logs: await call<LogRecord[]>('GET', `/api/files/${ref}/logs`),
      modelRequests: model.requests,
    });
  } finally {
    await server.stop();
    await opencode.close();
    await model.close();
    await repo.cleanup();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Read the gate's document hash from its review route, then approve with it (the web app's sequence). */
function approve(
  call: <T>(m: string, p: string, b?: unknown) => Promise<T>,
  ref: string,
  read: string,
  action: string,
) {
  return async () => {
    const view = await call<{ contentSha256: string }>('GET', `/api/tickets/${ref}/${read}`);
    await call('POST', `/api/tickets/${ref}/${action}`, { expectedContentSha256: view.contentSha256 });
  };
}

interface LogRecord {
  timestamp: string;
  phase: string;
  kind: string;
  op: string;
  sessionId?: string;
  data?: { promptChars?: number };
}

/** Each prompt paired with its session's next finalized answer: the time LoopTroop waited on OpenCode + model. */
function modelCalls(logs: LogRecord[]) {
  const open = new Map<string, LogRecord>();
  const calls: { phase: string; start: number; end: number; promptChars: number }[] = [];
  const unanswered: LogRecord[] = [];
  for (const log of logs) {
    if (!log.sessionId) continue;
    if (log.kind === 'prompt') {
      const previous = open.get(log.sessionId);
      if (previous) unanswered.push(previous);
      open.set(log.sessionId, log);
    }
    if (log.kind === 'assistant' && log.op === 'finalize') {
      const prompt = open.get(log.sessionId);
      if (!prompt) continue;
      open.delete(log.sessionId);
      calls.push({
        phase: prompt.phase,
        start: Date.parse(prompt.timestamp),
        end: Date.parse(log.timestamp),
        promptChars: prompt.data?.promptChars ?? 0,
      });
    }
  }
  return { calls, unanswered: [...unanswered, ...open.values()] };
}

function summarize(run: {
  scenario: string;
  ref: string;
  steps: Step[];
  stopReason: string;
  wallMs: number;
  gateMs: number;
  startedEpochMs: number;
  logs: LogRecord[];
  modelRequests: testkit.LoggedRequest[];
}): Row[] {
  const { calls, unanswered } = modelCalls(run.logs);
  const modelMs = unionLength(calls.map((c) => [c.start, c.end] as const));
  // The time the ticket waited for the (instant) person at a gate is not the product's.
  const productMs = run.wallMs - run.gateMs;
  const overheadMs = productMs - modelMs;
  const final = run.steps.at(-1)?.status ?? 'DRAFT';
  const prompts = [
    ...calls.map((c) => ({ phase: c.phase, chars: c.promptChars })),
    ...unanswered.map((u) => ({ phase: u.phase, chars: u.data?.promptChars ?? 0 })),
  ];
  const perPhase = tally(
    prompts,
    (p) => p.phase,
    (p) => p.chars,
  );
  const phaseTime = new Map<string, number>();
  const timeline = [{ status: 'DRAFT', at: 0 }, ...run.steps];
  timeline.forEach((step, i) => {
    const next = timeline[i + 1]?.at ?? run.wallMs;
    phaseTime.set(step.status, (phaseTime.get(step.status) ?? 0) + next - step.at);
  });
  const phaseModel = (phase: string) =>
    unionLength(calls.filter((c) => c.phase === phase).map((c) => [c.start, c.end] as const));
  const rows: Row[] = [
    {
      section: 'orchestration',
      measure: `one ticket DRAFT → ${final} (${run.scenario})`,
      result:
        `wall ${fmt(run.wallMs / 1000)} s · at gates ${fmt(run.gateMs / 1000)} s · in model calls ` +
        `${fmt(modelMs / 1000)} s · overhead ${fmt(overheadMs / 1000)} s = ${share(overheadMs, productMs)} %`,
      target: 'overhead ≤ 10 %',
      met: share(overheadMs, productMs) <= 10,
      data: {
        ref: run.ref,
        finalStatus: final,
        stopReason: run.stopReason,
        wallMs: Math.round(run.wallMs),
        gateMs: Math.round(run.gateMs),
        modelMs: Math.round(modelMs),
        overheadMs: Math.round(overheadMs),
        overheadShare: share(overheadMs, productMs),
        steps: run.steps.map((s) => ({ status: s.status, atMs: Math.round(s.at) })),
      },
    },
    {
      section: 'orchestration',
      measure: 'prompts (LoopTroop → OpenCode) and model requests (OpenCode → model)',
      result:
        `${perPhase.total.count} prompts · ${fmt(perPhase.total.sum)} prompt chars · ` +
        `${run.modelRequests.length} model requests (${fmt(run.modelRequests.reduce((t, r) => t + r.promptChars, 0))} chars)`,
      data: {
        prompts: perPhase.total.count,
        promptChars: perPhase.total.sum,
        unanswered: unanswered.length,
        modelRequests: run.modelRequests.length,
        modelRequestChars: run.modelRequests.reduce((t, r) => t + r.promptChars, 0),
      },
    },
  ];
  if (run.stopReason) {
    rows.push({
      section: 'orchestration',
      measure: '  stopped',
      result: run.stopReason.slice(0, 100),
      data: { stopReason: run.stopReason },
    });
  }
  // Every status the ticket passed, DRAFT (the start action) included, with the prompts sent in it.
  const phases = new Set(['DRAFT', ...run.steps.map((s) => s.status), ...perPhase.rows.map((r) => r.key)]);
  for (const phase of phases) {
    const row = perPhase.rows.find((r) => r.key === phase) ?? { count: 0, sum: 0 };
    const inPhase = phaseTime.get(phase) ?? 0;
    const inModel = phaseModel(phase);
    rows.push({
      section: 'orchestration',
      measure: `  ${phase}`,
      result:
        `${fmt(inPhase / 1000)} s · ${fmt(inModel / 1000)} s in model calls · ` +
        `${row.count} prompts · ${fmt(row.sum)} chars`,
      data: {
        phase,
        prompts: row.count,
        promptChars: row.sum,
        statusMs: Math.round(inPhase),
        modelMs: Math.round(inModel),
      },
    });
  }
  return rows;
}
