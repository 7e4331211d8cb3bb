import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, SAMPLE_PROFILE, startTestServer, type TestServer } from './harness.ts';

describe('health, startup and workflow meta', () => {
  let server: TestServer;
  let repo: string;
  afterAll(async () => {
    await server.dispose();
    await rm(repo, { recursive: true, force: true });
  });

  it('reports basic health', async () => {
    server = await startTestServer();
    const r = await server.call('GET', '/api/health');
    expect(r.json).toMatchObject({ status: 'ok' });
    expect(Date.parse(r.json.timestamp)).not.toBeNaN();
    expect(r.json.uptime).toBeGreaterThanOrEqual(0);
  });

  it('reports fresh storage, then a restore notice after a restart with data, dismissed for good', async () => {
    const fresh = await server.call('GET', '/api/health/startup');
    expect(fresh.json.storage).toMatchObject({ kind: 'fresh', restoredProjectCount: 0, profileRestored: false });
    expect(fresh.json.ui.restoreNotice).toEqual({ shouldShow: false, dismissedAt: null });

    repo = await makeRepo();
    await server.call('POST', '/api/profile', SAMPLE_PROFILE);
    await server.call('POST', '/api/projects', { name: 'Kept', shortname: 'KEPT', folderPath: repo });
    server = await server.restart();

    const restored = await server.call('GET', '/api/health/startup');
    expect(restored.json.storage).toMatchObject({ kind: 'restored', profileRestored: true, restoredProjectCount: 1 });
    expect(restored.json.storage.restoredProjects[0]).toMatchObject({ shortname: 'KEPT', folderPath: repo });
    expect(restored.json.ui.restoreNotice.shouldShow).toBe(true);

    const dismissed = await server.call('POST', '/api/health/startup/restore-notice/dismiss');
    expect(dismissed.json.success).toBe(true);
    const again = await server.call('POST', '/api/health/startup/restore-notice/dismiss');
    expect(again.json.dismissedAt).toBe(dismissed.json.dismissedAt);

    server = await server.restart();
    const later = await server.call('GET', '/api/health/startup');
    expect(later.json.ui.restoreNotice).toEqual({ shouldShow: false, dismissedAt: dismissed.json.dismissedAt });
  });

  it('describes all 34 statuses in canonical order with their columns and views', async () => {
    const { json } = await server.call('GET', '/api/workflow/meta');
    expect(json.phases).toHaveLength(34);
    expect(json.phases[0]).toMatchObject({ status: 'DRAFT', label: 'Backlog', kanbanPhase: 'todo', uiView: 'draft' });
    const byStatus = Object.fromEntries(json.phases.map((p: { status: string }) => [p.status, p]));
    expect(byStatus.WAITING_PRD_APPROVAL).toMatchObject({
      kanbanPhase: 'needs_input',
      isGate: true,
      uiView: 'approval',
    });
    expect(byStatus.CODING).toMatchObject({ inExecutionBand: true, uiView: 'coding', progress: 'beads' });
    expect(byStatus.BLOCKED_ERROR).toMatchObject({ group: 'errors', kanbanPhase: 'needs_input', uiView: 'error' });
    expect(byStatus.COMPLETED.isTerminal).toBe(true);
    expect(json.groups.map((g: { label: string }) => g.label)).toContain('Specs (PRD)');
  });
});
