import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppRouter } from '@looptroop/core';
import {
  createTempDir,
  createTempRepo,
  planningScenario,
  type RunningOpencode,
  type ScriptedModel,
  startOpencode,
  startScriptedModel,
  type TempDir,
  type TempRepo,
} from '@looptroop/testkit';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** The server's own procedures, to set the ticket up behind the CLI's back. */
const api = (url: string) => createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
type Api = ReturnType<typeof api>;

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const waitForStatus = (client: Api, id: string, status: string) =>
  waitFor(`${id} to reach ${status}`, async () => {
    const ticket = await client.tickets.get.query({ id });
    if (ticket.status === 'BLOCKED_ERROR') throw new Error(`${id} blocked: ${ticket.errorMessage}`);
    return ticket.status === status ? ticket : undefined;
  });

/** An editor for `$EDITOR`: a node script that rewrites the file it is given with `replace(from, to)`. */
async function fakeEditor(dir: string, name: string, from: string, to: string): Promise<string> {
  const script = join(dir, `${name}.mjs`);
  await writeFile(
    script,
    `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
writeFileSync(file, readFileSync(file, 'utf8').replace(${JSON.stringify(from)}, ${JSON.stringify(to)}));
`,
  );
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`;
}

/** Both variables: a VISUAL in the developer's shell would otherwise win over the test's EDITOR. */
const editorEnv = (command: string) => ({ VISUAL: command, EDITOR: command });

// One ticket, driven by the scripted model and the real OpenCode binary: the interview is partly skipped (so the PRD
// has Full Answers) and the PRD's coverage loop hits its cap (so gaps are left at approval).
describe('looptroop prd and beads against a ticket in planning', { timeout: 120_000 }, () => {
  let model: ScriptedModel;
  let opencode: RunningOpencode;
  let server: TestServer;
  let repo: TempRepo;
  let scratch: TempDir;
  let ref: string;
  let client: Api;
  const cli = (...args: string[]) => runCli([...args, '--url', server.url]);

  beforeAll(async () => {
    model = await startScriptedModel({ scenario: planningScenario({ prdCoverage: 'capped' }) });
    [opencode, repo, scratch] = await Promise.all([
      startOpencode({ modelUrl: model.url, models: ['alpha', 'beta', 'gamma'] }),
      createTempRepo(),
      createTempDir(),
    ]);
    server = await startTestServer({ env: { LOOPTROOP_OPENCODE_URL: opencode.url } });
    client = api(server.url);
    await client.profile.create.mutate({
      mainImplementer: opencode.modelIds[0] ?? '',
      councilMembers: opencode.modelIds,
      councilResponseTimeout: 30,
      maxPrdCoveragePasses: 2,
    });
    const project = await client.projects.create.mutate({ name: 'Plan', shortname: 'PLAN', folderPath: repo.dir });
    ref = (await client.tickets.create.mutate({ projectId: project.id, title: 'Add login with SSO' })).id;
    await client.ticketActions.start.mutate({ id: ref });
    await waitFor('the first interview batch', async () => {
      const view = await client.interview.get.query({ id: ref });
      return view.currentBatch && view.session?.pendingAnswerIds.length === 0 ? view : undefined;
    });
    await client.interview.skip.mutate({
      id: ref,
      answers: { Q01: 'Registered users' },
      selectedOptions: { Q02: ['opt-password', 'opt-sso'] },
    });
    const interview = await client.interview.get.query({ id: ref });
    const skipped = (interview.document?.questions ?? []).filter((q) => q.answer.skipped).map((q) => q.id);
    model.setScenario(planningScenario({ prdCoverage: 'capped', skipped }));
    await client.ticketActions.approveInterview.mutate({
      id: ref,
      expectedContentSha256: interview.contentSha256 ?? '',
    });
    await waitForStatus(client, ref, 'WAITING_PRD_APPROVAL');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await opencode?.close();
    await model?.close();
    await repo?.cleanup();
    await scratch?.cleanup();
  });

  it('shows the PRD as epics, stories and criteria with scope, risks, the capped gaps, council and hash', async () => {
    const [text, raw, json] = await Promise.all([
      cli('prd', 'show', ref),
      cli('prd', 'show', ref, '--raw'),
      cli('prd', 'show', ref, '--json'),
    ]);
    expect(text.code, text.stderr).toBe(0);
    const review = JSON.parse(json.stdout);
    expect(review).toMatchObject({ ticketId: ref, domain: 'prd', exists: true, coverage: { limitReached: true } });
    expect(raw.stdout).toBe(`${review.raw.trimEnd()}\n`);

    const lines = text.stdout.split('\n');
    // Epics → stories → acceptance criteria, in document order.
    const order = ['EPIC-1  Login', 'US-1-1  Password login', '✓ A wrong password is refused', 'EPIC-2  Sessions'];
    const positions = order.map((needle) => lines.findIndex((line) => line.includes(needle)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text.stdout).toContain('verify: node --test');
    expect(text.stdout).toMatch(/In scope\n {2}\+ Password login/);
    expect(text.stdout).toMatch(/Out of scope\n {2}- Social login/);
    expect(text.stdout).toMatch(/Risks\n {2}! SSO provider details are not decided/);
    // The cap was hit: the gap is shouted, not summarised away.
    expect(text.stdout).toContain('⚠ 1 GAP LEFT: the audit stopped at its cap (2 passes of at most 2, 1 revision)');
    expect(text.stdout).toContain('  ⚠ Idle sessions are not covered.');
    expect(text.stdout).toContain('Council   winner scripted/alpha of 3 members\n');
    expect(text.stdout).toContain('★ scripted/alpha: draft completed');
    expect(text.stdout).toMatch(/Full Answers {2}\d+ skipped answers? filled in by the AI/);
    expect(text.stdout).toMatch(/Q03 How long should a session last\? → Filled in for Q03\./);
    expect(text.stdout).toContain(`sha256 ${review.contentSha256}`);
    expect(text.stdout).toContain(`looptroop prd approve ${ref}`);
  });

  it('says when there is nothing to show yet, with exit 1', async () => {
    const [beads, approveBeads] = await Promise.all([cli('beads', 'show', ref), cli('beads', 'approve', ref)]);
    expect(beads).toMatchObject({ code: 1, stderr: `error: ${ref} has no bead plan yet for flow main\n` });
    expect(approveBeads).toMatchObject({ code: 1 });
    expect(approveBeads.stderr).toContain(`${ref} has no bead plan to approve yet (it is in WAITING_PRD_APPROVAL)`);
  });

  it('refuses an invalid PRD file with each problem named, and keeps the stored PRD', async () => {
    const before = await client.files.get.query({ ticketId: ref, file: 'prd' });
    const schemaFile = join(scratch.dir, 'no-epics.yaml');
    const yamlFile = join(scratch.dir, 'broken.yaml');
    await writeFile(schemaFile, (before.content ?? '').replace(/^epics:[\s\S]*?^risks:/m, 'epics: []\nrisks:'));
    await writeFile(yamlFile, 'product: [unclosed\n');
    const [schema, yaml] = await Promise.all([
      cli('prd', 'edit', ref, '--file', schemaFile),
      cli('prd', 'edit', ref, '--file', yamlFile),
    ]);
    expect(schema.code).toBe(1);
    expect(schema.stderr).toMatch(
      /^error: The PRD does not match its schema\n {2}epics: .+\nThe PRD was not saved\.\n$/,
    );
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/^error: The PRD is not valid YAML\n {2}\S/);
    expect((await client.files.get.query({ ticketId: ref, file: 'prd' })).contentSha256).toBe(before.contentSha256);
  });

  it('saves a prepared file and an $EDITOR session; a refused editor session is kept for a retry with --file', async () => {
    const before = await client.files.get.query({ ticketId: ref, file: 'prd' });
    const file = join(scratch.dir, 'prd.yaml');
    await writeFile(file, (before.content ?? '').replace('title: Password login', 'title: Password sign-in'));
    const fromFile = await cli('prd', 'edit', ref, '--file', file);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const afterFile = await client.files.get.query({ ticketId: ref, file: 'prd' });
    expect(afterFile.content).toContain('title: Password sign-in');
    expect(fromFile.stdout).toBe(
      `Saved the PRD of ${ref} (sha256 ${afterFile.contentSha256}); ${ref} is WAITING_PRD_APPROVAL.\n`,
    );

    const editor = await fakeEditor(scratch.dir, 'rename', 'title: SSO login', 'title: Single sign-on');
    const edited = await runCli(['prd', 'edit', ref, '--url', server.url], 30_000, editorEnv(editor));
    expect(edited.code, edited.stderr).toBe(0);
    expect((await client.files.get.query({ ticketId: ref, file: 'prd' })).content).toContain('title: Single sign-on');
    expect((await cli('prd', 'show', ref)).stdout).toContain('US-1-2  Single sign-on');

    const breaker = await fakeEditor(scratch.dir, 'break', 'epics:', 'epics: [');
    const refused = await runCli(['prd', 'edit', ref, '--url', server.url], 30_000, editorEnv(breaker));
    expect(refused.code).toBe(1);
    const [, kept = ''] = /Your edit is kept in (\S+);/.exec(refused.stderr) ?? [];
    expect(existsSync(kept), refused.stderr).toBe(true);
    expect(await readFile(kept, 'utf8')).toContain('epics: [');
    expect(refused.stderr).toContain(`looptroop prd edit ${ref} --file ${kept}`);

    const unchanged = await runCli(['prd', 'edit', ref, '--url', server.url], 30_000, editorEnv('true'));
    expect(unchanged).toMatchObject({ code: 0, stderr: 'No changes; nothing saved.\n' });
  });

  it('approves the PRD with the current hash, then shows and approves the bead plan in execution order', async () => {
    const approvePrd = await cli('prd', 'approve', ref, '--reason', 'Idle sessions come later.');
    expect(approvePrd.code, approvePrd.stderr).toBe(0);
    expect(approvePrd.stderr).toContain('Approving with 1 open coverage gap(s):\n  ⚠ Idle sessions are not covered.');
    const receipts = await client.artifacts.list.query({ id: ref, artifactType: 'approval_receipt' });
    expect(JSON.parse(receipts.at(-1)?.content ?? '{}')).toMatchObject({
      artifactType: 'prd',
      reason: 'Idle sessions come later.',
      openGaps: ['Idle sessions are not covered.'],
    });
    expect(approvePrd.stdout).toContain(`${ref} is DRAFTING_BEADS`);
    await waitForStatus(client, ref, 'WAITING_BEADS_APPROVAL');

    const [text, json, main] = await Promise.all([
      cli('beads', 'show', ref),
      cli('beads', 'show', ref, '--json'),
      cli('beads', 'show', ref, '--flow', 'main'),
    ]);
    expect(text.code, text.stderr).toBe(0);
    const view = JSON.parse(json.stdout);
    expect(main.stdout).toBe(text.stdout);
    expect(text.stdout).toContain(
      `Bead plan of ${ref} — flow main, 4 beads in execution order, editable until approved`,
    );
    const numbered = text.stdout.split('\n').filter((line) => /^\d\. /.test(line));
    expect(numbered).toEqual([
      '1. auth.session-store  Session store',
      '2. auth.password-login  Password login',
      '3. auth.sso-login  SSO login',
      '4. auth.idle-expiry  Idle session expiry',
    ]);
    expect(text.stdout).toContain(
      [
        '1. auth.session-store  Session store',
        '   blocked by  (none)',
        '   blocks      auth.password-login, auth.idle-expiry',
        '   files       src/session.js, test/session.test.js',
        '   commands    node --test',
      ].join('\n'),
    );
    expect(text.stdout).toContain('   blocked by  auth.password-login');
    expect(text.stdout).toContain('   commands    no command — Covered by the same node --test run as password login');
    expect(text.stdout).toContain('Issues    none');
    expect(text.stdout).toContain(`sha256 ${view.contentSha256}`);

    const approveBeads = await cli('beads', 'approve', ref);
    expect(approveBeads.code, approveBeads.stderr).toBe(0);
    expect(approveBeads.stdout).toContain(`${ref} is PRE_FLIGHT_CHECK`);
    const again = await cli('prd', 'approve', ref);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: Nothing to approve here: the ticket is in /);
  });
});
