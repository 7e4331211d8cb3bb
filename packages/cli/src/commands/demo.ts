import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@looptroop/api';
import { createTempRepo, interviewScenario, startOpencode, startScriptedModel } from '@looptroop/testkit';
import { type Client, createClient } from '../client.ts';
import { type CommandContext, UsageError } from './context.ts';

/** How far the lifecycle goes in this build; the demo's default target grows as later phases land. */
export const DEMO_DEFAULT_UNTIL = 'DRAFTING_PRD';
const DEMO_MODELS = ['alpha', 'beta', 'gamma'];

async function answerCurrentBatch(client: Client, id: string): Promise<boolean> {
  const view = await client.interview.get.query({ id });
  const batch = view.currentBatch;
  if (!batch || view.session?.pendingAnswerIds.length) return false;
  const answers: Record<string, string> = {};
  const selectedOptions: Record<string, string[]> = {};
  for (const q of batch.questions) {
    const first = q.options[0];
    if (first) selectedOptions[q.id] = [first.id];
    else answers[q.id] = q.answer_type === 'yes_no' ? 'Yes' : 'Keep it simple; follow the existing conventions.';
  }
  await client.interview.answerBatch.mutate({ id, answers, selectedOptions });
  return true;
}

async function approveGate(client: Client, id: string, status: string): Promise<boolean> {
  const meta = await client.workflow.meta.query();
  const artifactType = meta.phases.find((p) => p.status === status && p.isGate)?.reviewArtifact;
  if (!artifactType) return false;
  const latest = (await client.artifacts.list.query({ id, artifactType })).at(-1);
  if (!latest) return false;
  await client.ticketActions.approve.mutate({ id, expectedContentSha256: latest.contentSha256 });
  return true;
}

/**
 * `demo`: the whole flow with no API keys. Starts the scripted model, the real OpenCode binary and LoopTroop, attaches
 * a repository (a fresh sample one by default), creates and starts a ticket, prints each state change, and with
 * `--auto` answers the interview and approves the gates itself. Exit 0 at `--until`, 1 with the reason if it blocks.
 */
export async function demo(ctx: CommandContext): Promise<number> {
  const until = typeof ctx.flags.until === 'string' ? ctx.flags.until : DEMO_DEFAULT_UNTIL;
  const auto = ctx.flags.auto === true;
  const title = typeof ctx.flags.ticket === 'string' ? ctx.flags.ticket : 'Add a greeting endpoint';
  const log = (line: string) => (ctx.out.json ? undefined : process.stdout.write(`${line}\n`));
  const dataDir = await mkdtemp(join(tmpdir(), 'looptroop-demo-'));
  const model = await startScriptedModel({ scenario: interviewScenario() });
  const opencode = await startOpencode({ modelUrl: model.url, models: DEMO_MODELS });
  const sample = typeof ctx.flags.repo === 'string' ? null : await createTempRepo();
  const repoDir = typeof ctx.flags.repo === 'string' ? ctx.flags.repo : (sample?.dir ?? '');
  const port = typeof ctx.flags.port === 'string' ? Number(ctx.flags.port) : 0;
  const server = await startServer(
    loadConfig({ ...process.env, LOOPTROOP_HOME: dataDir, LOOPTROOP_OPENCODE_URL: opencode.url }, { port }),
    process.env,
  );
  const client = createClient(server.url);
  const history: string[] = [];
  try {
    log(`LoopTroop demo at ${server.url} (scripted models, OpenCode ${opencode.url})`);
    const meta = await client.workflow.meta.query();
    if (!meta.phases.some((p) => p.status === until))
      throw new UsageError(`--until must be a status, e.g. ${DEMO_DEFAULT_UNTIL}`);
    await client.profile.create.mutate({
      mainImplementer: opencode.modelIds[0] ?? '',
      councilMembers: opencode.modelIds,
    });
    const project = await client.projects.create.mutate({ name: 'Demo', shortname: 'DEMO', folderPath: repoDir });
    const ticket = await client.tickets.create.mutate({
      projectId: project.id,
      title,
      description: 'A demo ticket played by scripted models.',
    });
    log(`Created ${ticket.id}: ${title} in ${project.folderPath}`);
    await client.ticketActions.start.mutate({ id: ticket.id });
    let seen = 1;
    const deadline = Date.now() + 10 * 60_000;
    while (Date.now() < deadline) {
      const current = await client.tickets.get.query({ id: ticket.id });
      // visitedStatuses is the server's own history, so a status passed between two polls is never missed.
      for (const status of current.visitedStatuses.slice(seen)) {
        log(`${new Date().toISOString().slice(11, 19)}  → ${status}`);
        history.push(status);
      }
      seen = current.visitedStatuses.length;
      if (current.visitedStatuses.some((status) => status === until)) {
        ctx.out.print({ ticketId: ticket.id, reached: until, history, url: server.url }, () => `Reached ${until}.`);
        return 0;
      }
      if (current.status === 'BLOCKED_ERROR') {
        process.stderr.write(
          `Blocked in ${current.previousStatus}: ${current.errorMessage} [${current.errorCodes.join(', ')}]\n`,
        );
        return 1;
      }
      if (auto && current.status === 'WAITING_INTERVIEW_ANSWERS') await answerCurrentBatch(client, ticket.id);
      else if (auto && current.kanbanPhase === 'needs_input') await approveGate(client, ticket.id, current.status);
      else if (!auto && current.kanbanPhase === 'needs_input') {
        log(`${ticket.id} waits for you in ${current.status}; rerun with --auto to let the demo answer and approve.`);
        return 1;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    process.stderr.write(`Timed out before ${until}\n`);
    return 1;
  } finally {
    await server.close();
    await opencode.close();
    await model.close();
    await sample?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  }
}
