import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

describe('looptroop demo', () => {
  it('plays a ticket with scripted models from planning through live bead coding and the final test to the PR review', async () => {
    const result = await runCli(['demo', '--auto', '--until', 'WAITING_PR_REVIEW', '--json'], 290_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.reached).toBe('WAITING_PR_REVIEW');
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
      'RUNNING_FINAL_TEST',
      'INTEGRATING_CHANGES',
      'CREATING_PULL_REQUEST',
      'WAITING_PR_REVIEW',
    ];
    const positions = milestones.map((status) => summary.history.indexOf(status));
    expect(
      positions.every((position: number) => position >= 0),
      summary.history.join(' → '),
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // The beads were printed live as they were coded: the stalled SSO attempt was reset, the question answered.
    const log = summary.beadLog.join('\n');
    expect(log).toContain('bead 1/3 auth.session-store: done after 1 iteration(s) (1/3 done)');
    expect(log).toMatch(/bead 2\/3 auth\.password-login: iteration 1 failed.*reset; note: Attempt 1 wrote a login/);
    expect(log).toContain('bead 3/3 auth.sso-login: coding, iteration 2');
    expect(log).toContain('The agent asked: Which SSO assertion field names the user? — answered subject');
    expect(log).toContain('bead 3/3 auth.sso-login: done after 2 iteration(s) (3/3 done)');
  }, 300_000);

  it('refuses an unknown --until status, and one past what this build reaches, before launching OpenCode', async () => {
    const [unknown, tooFar] = await Promise.all([
      runCli(['demo', '--until', 'NOPE']),
      runCli(['demo', '--until', 'CLEANING_ENV']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--until must be a status up to WAITING_PR_REVIEW');
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain('(default WAITING_BEADS_APPROVAL)');
  });
});
