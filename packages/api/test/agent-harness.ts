import {
  createTempRepo,
  interviewScenario,
  type RunningOpencode,
  type Scenario,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempRepo,
} from '@looptroop/testkit';
import { startTestServer, type TestServer } from './harness.ts';

export const MODELS = ['alpha', 'beta', 'gamma'];

export interface AgentWorld {
  model: ScriptedModel;
  opencode: RunningOpencode;
  server: TestServer;
  repo: TempRepo;
  projectId: number;
  createTicket(title?: string): Promise<string>;
  waitForStatus(ref: string, status: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  dispose(): Promise<void>;
}

/** Real OpenCode against the scripted model, a real server, a real repo with a bare origin, a profile and a project. */
export async function startAgentWorld(
  options: {
    scenario?: Scenario;
    profile?: Record<string, unknown>;
    devEvents?: boolean;
    processEnv?: Record<string, string | undefined>;
    /** The repository's first commit (default: createTempRepo's README and src/index.js). */
    repoFiles?: Record<string, string>;
  } = {},
): Promise<AgentWorld> {
  const model = await startScriptedModel({ scenario: options.scenario ?? interviewScenario() });
  const opencode = await startOpencode({ modelUrl: model.url, models: MODELS });
  const server = await startTestServer({
    env: { LOOPTROOP_OPENCODE_URL: opencode.url, ...(options.devEvents && { LOOPTROOP_DEV_EVENTS: '1' }) },
    ...(options.processEnv && { processEnv: options.processEnv }),
  });
  const repo = await createTempRepo(options.repoFiles ? { files: options.repoFiles } : {});
  const ids = opencode.modelIds;
  const profile = await server.call('POST', '/api/profile', {
    mainImplementer: ids[0],
    councilMembers: ids,
    minCouncilQuorum: 2,
    councilResponseTimeout: 30,
    structuredRetryCount: 1,
    interviewQuestions: 10,
    ...options.profile,
  });
  if (profile.status !== 201) throw new Error(`profile: ${JSON.stringify(profile.json)}`);
  const project = await server.call('POST', '/api/projects', {
    name: 'Sample',
    shortname: 'SMP',
    folderPath: repo.dir,
  });
  if (project.status !== 201) throw new Error(`project: ${JSON.stringify(project.json)}`);
  const world: AgentWorld = {
    model,
    opencode,
    server,
    repo,
    projectId: project.json.id,
    async createTicket(title = 'Add login with SSO') {
      const r = await world.server.call('POST', '/api/tickets', {
        projectId: world.projectId,
        title,
        description: 'Users log in with SSO.',
      });
      return r.json.id as string;
    },
    async waitForStatus(ref, status, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Record<string, unknown> = {};
      while (Date.now() < deadline) {
        last = (await world.server.call('GET', `/api/tickets/${ref}`)).json;
        if (last.status === status) return last;
        await new Promise((r) => setTimeout(r, 150));
      }
      const log = (await world.server.call('GET', `/api/files/${ref}/logs`)).json as {
        kind: string;
        message: string;
      }[];
      throw new Error(
        `ticket ${ref} did not reach ${status}; last: ${last.status} ${last.errorMessage ?? ''}\n` +
          `model requests: ${JSON.stringify(world.model.requests.map((q) => [q.model, q.rule]))}\n` +
          `log: ${log.map((l) => `${l.kind}: ${l.message}`).join('\n')}`,
      );
    },
    async dispose() {
      await world.server.dispose();
      await opencode.close();
      await model.close();
      await repo.cleanup();
    },
  };
  return world;
}
