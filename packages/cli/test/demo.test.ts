import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

describe('looptroop demo', () => {
  it('plays a ticket with scripted models through the interview to its approval, answering by itself', async () => {
    const result = await runCli(['demo', '--auto', '--until', 'WAITING_INTERVIEW_APPROVAL', '--json'], 170_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.reached).toBe('WAITING_INTERVIEW_APPROVAL');
    expect(summary.history).toEqual(
      expect.arrayContaining([
        'SCANNING_RELEVANT_FILES',
        'COUNCIL_DELIBERATING',
        'WAITING_INTERVIEW_ANSWERS',
        'WAITING_INTERVIEW_APPROVAL',
      ]),
    );
  }, 180_000);

  it('refuses an unknown --until status before launching OpenCode', async () => {
    const result = await runCli(['demo', '--until', 'NOPE']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--until must be a status');
  });
});
