import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

describe('looptroop demo', () => {
  it('plays a ticket with scripted models through the interview, PRD and bead planning, approving each gate', async () => {
    const result = await runCli(['demo', '--auto', '--json'], 170_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    // The default stop is the last gate before code changes; the PRD gate was passed on the way.
    expect(summary.reached).toBe('WAITING_BEADS_APPROVAL');
    expect(summary.approved).toEqual(['interview', 'prd']);
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
    ];
    const positions = milestones.map((status) => summary.history.indexOf(status));
    expect(
      positions.every((position: number) => position >= 0),
      summary.history.join(' → '),
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(summary.history.at(-1)).toBe('WAITING_BEADS_APPROVAL');
  }, 180_000);

  it('refuses an unknown --until status, and one past what this build reaches, before launching OpenCode', async () => {
    const [unknown, tooFar] = await Promise.all([
      runCli(['demo', '--until', 'NOPE']),
      runCli(['demo', '--until', 'CODING']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--until must be a status up to PRE_FLIGHT_CHECK');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain('(default WAITING_BEADS_APPROVAL)');
  });
});
