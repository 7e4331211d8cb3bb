import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

describe('looptroop demo', () => {
  it('plays a ticket with scripted models through planning, pre-flight and workspace setup up to CODING', async () => {
    const result = await runCli(['demo', '--auto', '--until', 'CODING', '--json'], 230_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.reached).toBe('CODING');
    expect(summary.approved).toEqual(['interview', 'prd', 'beads', 'setup']);
    const milestones = [
      'SCANNING_RELEVANT_FILES',
      'WAITING_INTERVIEW_ANSWERS',
      'WAITING_INTERVIEW_APPROVAL',
      'DRAFTING_PRD',
      'VERIFYING_PRD_COVERAGE',
      'WAITING_PRD_APPROVAL',
      'DRAFTING_BEADS',
      'EXPANDING_BEADS',
      'WAITING_BEADS_APPROVAL',
      'PRE_FLIGHT_CHECK',
      'GENERATING_EXECUTION_SETUP_PLAN',
      'WAITING_EXECUTION_SETUP_APPROVAL',
      'PREPARING_EXECUTION_ENV',
      'CODING',
    ];
    const positions = milestones.map((status) => summary.history.indexOf(status));
    expect(
      positions.every((position: number) => position >= 0),
      summary.history.join(' → '),
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }, 240_000);

  it('refuses an unknown --until status, and one past what this build reaches, before launching OpenCode', async () => {
    const [unknown, tooFar] = await Promise.all([
      runCli(['demo', '--until', 'NOPE']),
      runCli(['demo', '--until', 'RUNNING_FINAL_TEST']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--until must be a status up to CODING');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain('(default WAITING_BEADS_APPROVAL)');
  });
});
