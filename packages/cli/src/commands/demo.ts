import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer } from '@looptroop/api';
import { codingScenario, createSampleRepo, freePort, startOpencode, startScriptedModel } from '@looptroop/testkit';
import { type BeadSnapshot, beadProgressLines } from '../bead-progress.ts';
import { createClient, serverAddress } from '../client.ts';
import { startSpinner } from '../spinner.ts';
import { type Command, parseIntFlag, UsageError } from './context.ts';
import {
  type ApprovedDocument,
  answerAgentQuestions,
  answerCurrentBatch,
  approveGate,
  isDemoGate,
  skippedQuestionIds,
} from './demo-autopilot.ts';

/** Where the demo stops by default: the last gate before code changes. */
export const DEMO_DEFAULT_UNTIL = 'WAITING_BEADS_APPROVAL';
/** How far the demo goes: the pull request waits for a person's review (merging is theirs to choose). */
const DEMO_LAST_STATUS = 'WAITING_PR_REVIEW';
/** The scripted SSO bead's first attempt stalls on purpose (testkit codingScenario): a short deadline shows Ralph. */
const DEMO_PER_ITERATION_TIMEOUT_S = 15;
/** The statuses whose bead plan changes live. */
const CODING_STATUSES = new Set(['CODING', 'RUNNING_FINAL_TEST']);
const DEMO_MODELS = ['alpha', 'beta', 'gamma'];
const DOCUMENT_NAMES: Record<ApprovedDocument, string> = {
  interview: 'interview',
  prd: 'PRD',
  beads: 'bead plan',
  setup: 'execution setup plan',
};
const DEMO_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 300;

/**
 * `demo`: the whole flow with no API keys. Starts LoopTroop, the scripted model and the real OpenCode binary,
 * attaches a repository (a fresh sample one by default), creates and starts a ticket, prints each state change, and
 * with `--auto` answers the interview and approves the gates itself. Exit 0 at `--until`, 1 with the reason if it
 * blocks. Like `start`, it runs server code in this process (and testkit's scripted model).
 */
export const demo: Command = async (ctx) => {
  const { flags } = ctx;
  const until = flags.until ?? DEMO_DEFAULT_UNTIL;
  const auto = flags.auto === true;
  const title = flags.ticket ?? 'Add a greeting endpoint';
  const spinner = startSpinner('Starting LoopTroop…', { enabled: !ctx.out.json });
  const log = (line: string) => (ctx.out.json ? undefined : spinner.log(line));
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'looptroop-demo-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // OpenCode's port is chosen first, so the server can start (and check --until) before the slow OpenCode launch.
    const opencodePort = await freePort();
    const env = { ...ctx.env, LOOPTROOP_HOME: dataDir, LOOPTROOP_OPENCODE_URL: `http://127.0.0.1:${opencodePort}` };
    const port = parseIntFlag(flags.port, 'port') ?? 0;
    const server = await startServer(loadConfig(env, { port, manageOpencode: false }), env);
    cleanups.push(() => server.close());
    const client = createClient(serverAddress(server.url, undefined));
    const statuses: string[] = (await client.workflow.meta.query()).phases.map((phase) => phase.status);
    if (!statuses.slice(0, statuses.indexOf(DEMO_LAST_STATUS) + 1).includes(until)) {
      throw new UsageError(
        `--until must be a status up to ${DEMO_LAST_STATUS}, the last one this build reaches (default ${DEMO_DEFAULT_UNTIL})`,
      );
    }

    spinner.update('Starting the scripted model and OpenCode…');
    // The PRD audit comes back clean, so the plan holds the three beads the coding scenario scripts.
    const model = await startScriptedModel({ scenario: codingScenario({ prdCoverage: 'clean' }) });
    cleanups.push(() => model.close());
    // What the scripted model was asked and what it answered, for a demo that did not go as scripted.
    const modelLog = ctx.env.LOOPTROOP_DEMO_MODEL_LOG;
    if (modelLog) cleanups.push(() => writeFile(modelLog, JSON.stringify(model.requests, null, 2)));
    const opencode = await startOpencode({ modelUrl: model.url, models: DEMO_MODELS, port: opencodePort });
    cleanups.push(() => opencode.close());
    const sample = flags.repo ? null : await createSampleRepo();
    if (sample) cleanups.push(() => sample.cleanup());
    const repoDir = flags.repo ?? sample?.dir ?? '';
    log(`LoopTroop demo at ${server.url} (scripted models, OpenCode ${opencode.url})`);

    await client.profile.create.mutate({
      mainImplementer: opencode.modelIds[0] ?? '',
      councilMembers: opencode.modelIds,
      perIterationTimeout: DEMO_PER_ITERATION_TIMEOUT_S,
      maxIterations: 3,
    });
    const project = await client.projects.create.mutate({ name: 'Demo', shortname: 'DEMO', folderPath: repoDir });
    const ticket = await client.tickets.create.mutate({
      projectId: project.id,
      title,
      description: 'A demo ticket played by scripted models.',
    });
    log(`Created ${ticket.id}: ${title} in ${project.folderPath}`);
    await client.ticketActions.start.mutate({ id: ticket.id });
    const history: string[] = [];
    const approved: ApprovedDocument[] = [];
    /** The live coding lines, also in the --json summary. */
    const beadLog: string[] = [];
    const logBead = (line: string) => {
      beadLog.push(line);
      log(`${new Date().toISOString().slice(11, 19)}    ${line}`);
    };
    let beads = new Map<string, BeadSnapshot>();
    let seen = 1;
    const deadline = Date.now() + DEMO_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const current = await client.tickets.get.query({ id: ticket.id });
      // visitedStatuses is the server's own history, so a status passed between two polls is never missed.
      for (const status of current.visitedStatuses.slice(seen)) {
        log(`${new Date().toISOString().slice(11, 19)}  → ${status}`);
        history.push(status);
      }
      seen = current.visitedStatuses.length;
      if (CODING_STATUSES.has(current.status) || (beads.size > 0 && current.status !== 'BLOCKED_ERROR')) {
        const progress = beadProgressLines((await client.beads.get.query({ id: ticket.id })).beads, beads);
        beads = progress.next;
        for (const line of progress.lines) logBead(line);
      }
      // §10.6: an agent question waits without changing the status; --auto answers it like a user would.
      if (auto) for (const line of await answerAgentQuestions(client, ticket.id)) logBead(line);
      spinner.update(`${ticket.id} ${current.status}…`);
      if (current.visitedStatuses.some((status) => status === until)) {
        spinner.stop();
        ctx.out.print(
          { ticketId: ticket.id, reached: until, history, approved, beadLog, url: server.url },
          () => `Reached ${until}.`,
        );
        return 0;
      }
      if (current.status === 'BLOCKED_ERROR') {
        spinner.stop();
        ctx.out.info(
          `Blocked in ${current.previousStatus}: ${current.errorMessage} [${current.errorCodes.join(', ')}]`,
        );
        return 1;
      }
      if (auto && current.status === 'WAITING_INTERVIEW_ANSWERS') await answerCurrentBatch(client, ticket.id);
      else if (auto && isDemoGate(current.status)) {
        // §8.1: each member's Full Answers must cover exactly the skipped questions, so the scripted members are told
        // which ones before the PRD phase starts (none while the autopilot answers every question; this keeps the
        // script in step if it ever skips one).
        if (current.status === 'WAITING_INTERVIEW_APPROVAL')
          model.setScenario(
            codingScenario({ prdCoverage: 'clean', skipped: await skippedQuestionIds(client, ticket.id) }),
          );
        const approval = await approveGate(client, ticket.id, current.status);
        if (approval) {
          approved.push(approval.document);
          log(`Approved the ${DOCUMENT_NAMES[approval.document]} (sha256 ${approval.contentSha256.slice(0, 12)}…)`);
        }
      } else if (current.kanbanPhase === 'needs_input') {
        log(
          auto
            ? `${ticket.id} waits for you in ${current.status}, which the demo cannot answer.`
            : `${ticket.id} waits for you in ${current.status}; rerun with --auto to let the demo answer and approve.`,
        );
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    ctx.out.info(`Timed out before ${until}`);
    return 1;
  } finally {
    spinner.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
};
