import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opencodeSessions, tickets } from '../src/db/schema.ts';
import { pathExists } from '../src/lib/path-exists.ts';
import type { TicketStatus } from '../src/lifecycle/statuses.ts';
import { insertSession } from '../src/opencode/store.ts';
import type { TicketRow } from '../src/tickets/store.ts';
import { insertErrorOccurrence, selectErrorOccurrences } from '../src/workflow/error-store.ts';
import { type ScriptedEngine, startScriptedEngine } from './scripted-engine.ts';

// workflow.md §4.4 "Edit setup plan…" and §4.8 setup rewinds, through createCore on a real libSQL file: a ticket is
// put in the status under test with the execution-setup state a real run leaves (plan and approval at the gate,
// a failed setup report, the profile, runtime files in a git worktree), then the rewind runs through the services.
// No phase has a handler: a status the rewind moves into blocks at once, which these tests do not look at.

const GATE = 'WAITING_EXECUTION_SETUP_APPROVAL';
const PREPARING = 'PREPARING_EXECUTION_ENV';
const GENERATING = 'GENERATING_EXECUTION_SETUP_PLAN';
const PLAN = `${JSON.stringify({ summary: 'Node is installed', readiness: { status: 'ready' } }, null, 2)}\n`;

describe('execution-setup rewinds', () => {
  let engine: ScriptedEngine;

  beforeAll(async () => {
    // The server's PATH: a saved plan's launchers are checked against this host (§10.3).
    engine = await startScriptedEngine([], { env: { PATH: process.env.PATH } });
  });
  afterAll(() => engine.dispose());

  const s = () => engine.core.services;

  /** A ticket in `status` whose worktree is a git checkout holding the state a finished setup leaves behind. */
  async function ticketWithSetupState(status: TicketStatus, previousStatus: TicketStatus = status) {
    const row = await engine.ticketIn(status, previousStatus);
    const worktree = row.worktreePath ?? '';
    execFileSync('git', ['init', '-q', '-b', 'main', worktree]);
    const runtime = join(worktree, '.ticket', 'runtime');
    await mkdir(join(runtime, 'execution-setup', 'tool-cache'), { recursive: true });
    await writeFile(join(runtime, 'execution-setup-profile.json'), '{"status":"ready"}\n');
    await writeFile(join(runtime, 'execution-setup', 'run'), '#!/bin/sh\nexec "$@"\n');
    await writeFile(join(runtime, 'execution-setup', 'tool-cache', 'node.tgz'), 'cached download');
    const { artifacts } = s();
    await artifacts.write(row, GENERATING, 'execution_setup_plan_request', '{"requestId":"r1","kind":"initial"}');
    await artifacts.write(row, GENERATING, 'execution_setup_plan_notes', '{"notes":[{"commentary":"use pnpm"}]}');
    await artifacts.write(row, GATE, 'execution_setup_plan', PLAN);
    await artifacts.write(row, GATE, 'approval_receipt', '{"artifactType":"execution_setup_plan"}');
    await artifacts.write(row, PREPARING, 'execution_setup_profile', '{"status":"ready"}');
    await artifacts.write(
      row,
      PREPARING,
      'execution_setup_report',
      JSON.stringify({
        status: 'failed',
        attempts: [{ attempt: 1, error: '\u001b[31mprobe tests (npm test) exited 127: npm: not found\u001b[0m' }],
      }),
    );
    await s().tickets.putUiState(row.externalId, 'setup-plan-draft', { baseSha256: null, value: 'edited' });
    return row;
  }

  const runtimeFiles = async (row: TicketRow) => {
    const root = join(row.worktreePath ?? '', '.ticket', 'runtime');
    return {
      profile: await pathExists(join(root, 'execution-setup-profile.json')),
      wrapper: await pathExists(join(root, 'execution-setup', 'run')),
      toolCache: await pathExists(join(root, 'execution-setup', 'tool-cache', 'node.tgz')),
    };
  };

  /** What a setup phase still holds as current: its active attempt's artifacts of `type`. */
  const current = async (
    row: TicketRow,
    phase: string,
    type: Parameters<ReturnType<typeof s>['artifacts']['list']>[1]['artifactType'],
  ) => {
    const attempt = await s().artifacts.activeAttempt(row, phase);
    return s().artifacts.list(row, { phase, phaseAttempt: attempt, ...(type && { artifactType: type }) });
  };

  async function expectSetupCleared(row: TicketRow) {
    expect(await current(row, GATE, 'execution_setup_plan')).toEqual([]);
    expect(await current(row, GATE, 'approval_receipt')).toEqual([]);
    expect(await current(row, PREPARING, 'execution_setup_profile')).toEqual([]);
    expect(await current(row, GENERATING, 'execution_setup_plan_request')).toEqual([]);
    expect(await s().setupPlan.view(row.externalId)).toMatchObject({ exists: false, canApprove: false });
    const notes = await s().artifacts.latest(row, 'execution_setup_plan_notes');
    expect(JSON.parse(notes?.content ?? '{}')).toEqual({ notes: [] });
    expect((await s().tickets.getUiState(row.externalId, 'setup-plan-draft')).exists).toBe(false);
    expect(await runtimeFiles(row)).toEqual({ profile: false, wrapper: false, toolCache: true });
    // History stays readable: the archived attempt still holds the old plan.
    const gate = await s().artifacts.attempts(row, GATE);
    expect(gate.map((a) => a.state)).toEqual(['archived', 'active']);
  }

  it('offers "Edit setup plan…" only on a ticket blocked in workspace setup (§4.4, §4.7)', async () => {
    const blocked = await engine.ticketIn('BLOCKED_ERROR', PREPARING);
    const other = await engine.ticketIn('BLOCKED_ERROR', 'CODING');
    expect((await s().tickets.get(blocked.externalId)).availableActions).toEqual([
      'retry',
      'edit_execution_setup_plan',
      'cancel',
    ]);
    expect((await s().tickets.get(other.externalId)).availableActions).toEqual(['retry', 'cancel']);
    await expect(s().setupPlan.editFromBlocked(other.externalId)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('from CODING'),
    });
  });

  it('Edit setup plan… archives the failed runtime attempt and returns to the gate with a new, unapproved version', async () => {
    const row = await ticketWithSetupState('BLOCKED_ERROR', PREPARING);
    await engine.core.db
      .update(tickets)
      .set({ errorMessage: 'Setup failed', errorCodes: ['EXECUTION_SETUP_FAILED'] })
      .where(eq(tickets.id, row.id));
    await insertErrorOccurrence(engine.core.db, {
      ticketId: row.id,
      blockedFromStatus: PREPARING,
      errorMessage: 'Setup failed',
      errorCodes: ['EXECUTION_SETUP_FAILED'],
      occurredAt: '2026-12-03T00:00:00.000Z',
    });

    await insertSession(engine.core.db, {
      sessionId: 'ses_setup',
      ticketId: row.id,
      phase: PREPARING,
      phaseAttempt: 1,
      step: 'workspace setup',
      directory: row.worktreePath ?? '',
      state: 'active',
      createdAt: '2026-12-03T00:00:00.000Z',
      updatedAt: '2026-12-03T00:00:00.000Z',
    });

    const moved = await s().setupPlan.editFromBlocked(row.externalId);

    expect(moved.ticket).toMatchObject({ status: GATE, errorMessage: null, errorCodes: [] });
    expect(moved.view).toMatchObject({ exists: true, raw: PLAN, version: 2, editable: true, canApprove: true });
    expect(await s().artifacts.attempts(row, PREPARING)).toMatchObject([
      { attemptNumber: 1, state: 'archived', archivedReason: 'execution_setup_runtime_rewind' },
      { attemptNumber: 2, state: 'active' },
    ]);
    expect(await current(row, GATE, 'approval_receipt')).toEqual([]);
    expect(await runtimeFiles(row)).toEqual({ profile: false, wrapper: false, toolCache: true });
    const [occurrence] = await selectErrorOccurrences(engine.core.db, row.id);
    expect(occurrence).toMatchObject({ resolutionStatus: 'EDITED', resumedToStatus: GATE });
    // The setup session kept for a retry with note belongs to the archived attempt.
    const [session] = await engine.core.db
      .select()
      .from(opencodeSessions)
      .where(eq(opencodeSessions.sessionId, 'ses_setup'));
    expect(session?.state).toBe('abandoned');
    expect(await engine.history(row)).toContain(`BLOCKED_ERROR → ${GATE} (EXECUTION_SETUP_EVIDENCE_CHANGED)`);

    // A later regeneration receives the cleaned failure (§4.4, §10.3).
    await s().setupPlan.regenerate({ id: row.externalId, commentary: 'npm is missing: use node --test' });
    const request = await s().artifacts.latest(row, 'execution_setup_plan_request', { phase: GENERATING });
    expect(JSON.parse(request?.content ?? '{}')).toMatchObject({
      kind: 'regenerate',
      baseline: PLAN,
      previousFailure: 'Attempt 1: probe tests (npm test) exited 127: npm: not found',
    });
  });

  it('a bead-plan save at WAITING_BEADS_APPROVAL clears all execution-setup state (§4.8)', async () => {
    const row = await ticketWithSetupState('WAITING_BEADS_APPROVAL');
    const bead = {
      id: 'B1',
      title: 'Add the endpoint',
      prdRefs: [],
      description: 'Add it',
      contextGuidance: { patterns: [], anti_patterns: [] },
      acceptanceCriteria: ['it answers'],
      tests: ['a request answers 200'],
      testCommands: ['node --test'],
      targetFiles: ['src/endpoint.js'],
    };
    await s().beads.put({ id: row.externalId, beads: [bead] });
    await expectSetupCleared(row);
  });

  it('an approved interview saved in the PRD phases restarts planning and clears all execution-setup state (§4.8)', async () => {
    const row = await ticketWithSetupState('WAITING_PRD_APPROVAL');
    const interview = {
      ticket_id: row.externalId,
      generated_by: { winner_model: 'p/alpha', generated_at: 'now' },
      questions: [],
    };
    await s().interview.saveRaw(row.externalId, JSON.stringify(interview));
    expect((await engine.reload(row)).status).not.toBe('WAITING_PRD_APPROVAL');
    await expectSetupCleared(row);
  });

  it('an approved PRD saved in the beads phases restarts planning and clears all execution-setup state (§4.8)', async () => {
    const row = await ticketWithSetupState('WAITING_BEADS_APPROVAL');
    const prd = await readFile(join(import.meta.dirname, '..', 'src', 'prd', 'example.yaml'), 'utf8');
    await s().prd.saveRaw(row.externalId, prd);
    expect((await engine.reload(row)).status).not.toBe('WAITING_BEADS_APPROVAL');
    await expectSetupCleared(row);
  });

  it('a plan saved during PREPARING_EXECUTION_ENV stops the setup and returns to the gate with the edit only (§4.8)', async () => {
    const row = await ticketWithSetupState(PREPARING, GATE);
    const edited = {
      summary: 'Node runs the project.',
      readiness: { status: 'ready', actions_required: false, evidence: ['node --version works'], gaps: [] },
      workspace_probes: [{ id: 'node', command: { program: 'node', args: ['--version'] }, purpose: 'node runs' }],
      project_commands: {},
    };
    const saved = await s().setupPlan.save({ id: row.externalId, raw: JSON.stringify(edited) });
    expect(saved.ticket.status).toBe(GATE);
    expect(saved.view).toMatchObject({ version: 2, exists: true, canApprove: true });
    expect(saved.view?.plan?.summary).toBe('Node runs the project.');
    expect(await s().artifacts.attempts(row, PREPARING)).toMatchObject([
      { state: 'archived', archivedReason: 'execution_setup_runtime_rewind' },
      { state: 'active' },
    ]);
    expect(await current(row, GATE, 'approval_receipt')).toEqual([]);
    expect(await current(row, PREPARING, 'execution_setup_profile')).toEqual([]);
    expect(await runtimeFiles(row)).toEqual({ profile: false, wrapper: false, toolCache: true });
    expect(await engine.history(row)).toContain(`${PREPARING} → ${GATE} (EXECUTION_SETUP_EVIDENCE_CHANGED)`);
  });

  it('a regeneration during PREPARING_EXECUTION_ENV stops the setup and drafts a new version (§4.8)', async () => {
    const row = await ticketWithSetupState(PREPARING, GATE);
    const moved = await s().setupPlan.regenerate({ id: row.externalId, commentary: 'use the wrapper' });
    expect(moved.ticket.status).not.toBe(PREPARING);
    expect(await engine.history(row)).toContain(`${PREPARING} → ${GENERATING} (REGENERATE_EXECUTION_SETUP_PLAN)`);
    for (const phase of [GENERATING, GATE, PREPARING])
      expect((await s().artifacts.attempts(row, phase)).map((a) => a.state)).toEqual(['archived', 'active']);
    expect(await current(row, GATE, 'execution_setup_plan')).toEqual([]);
    expect(await current(row, PREPARING, 'execution_setup_profile')).toEqual([]);
    expect(await runtimeFiles(row)).toEqual({ profile: false, wrapper: false, toolCache: true });
    const [request] = await current(row, GENERATING, 'execution_setup_plan_request');
    expect(JSON.parse(request?.content ?? '{}')).toMatchObject({ kind: 'regenerate', commentary: 'use the wrapper' });
  });
});
