import { describe, expect, it } from 'vitest';
import { statusesAccepting, transition, WORKFLOW_EVENTS, type WorkflowEventType } from './machine.ts';
import { STATUSES, type TicketStatus } from './statuses.ts';

// workflow.md §4.1, every row of the transition table.
const allowed: [TicketStatus, WorkflowEventType, TicketStatus][] = [
  ['DRAFT', 'START', 'SCANNING_RELEVANT_FILES'],
  ['DRAFT', 'INIT_FAILED', 'BLOCKED_ERROR'],
  ['SCANNING_RELEVANT_FILES', 'RELEVANT_FILES_READY', 'COUNCIL_DELIBERATING'],
  ['COUNCIL_DELIBERATING', 'QUESTIONS_READY', 'COUNCIL_VOTING_INTERVIEW'],
  ['COUNCIL_VOTING_INTERVIEW', 'WINNER_SELECTED', 'COMPILING_INTERVIEW'],
  ['COMPILING_INTERVIEW', 'READY', 'WAITING_INTERVIEW_ANSWERS'],
  ['WAITING_INTERVIEW_ANSWERS', 'BATCH_ANSWERED', 'WAITING_INTERVIEW_ANSWERS'],
  ['WAITING_INTERVIEW_ANSWERS', 'INTERVIEW_COMPLETE', 'VERIFYING_INTERVIEW_COVERAGE'],
  ['WAITING_INTERVIEW_ANSWERS', 'SKIP_ALL_TO_APPROVAL', 'WAITING_INTERVIEW_APPROVAL'],
  ['VERIFYING_INTERVIEW_COVERAGE', 'GAPS_FOUND', 'WAITING_INTERVIEW_ANSWERS'],
  ['VERIFYING_INTERVIEW_COVERAGE', 'COVERAGE_CLEAN', 'WAITING_INTERVIEW_APPROVAL'],
  ['VERIFYING_INTERVIEW_COVERAGE', 'COVERAGE_LIMIT_REACHED', 'WAITING_INTERVIEW_APPROVAL'],
  ['WAITING_INTERVIEW_APPROVAL', 'APPROVE', 'DRAFTING_PRD'],
  ['DRAFTING_PRD', 'DRAFTS_READY', 'COUNCIL_VOTING_PRD'],
  ['COUNCIL_VOTING_PRD', 'WINNER_SELECTED', 'REFINING_PRD'],
  ['REFINING_PRD', 'REFINED', 'VERIFYING_PRD_COVERAGE'],
  ['VERIFYING_PRD_COVERAGE', 'COVERAGE_CLEAN', 'WAITING_PRD_APPROVAL'],
  ['VERIFYING_PRD_COVERAGE', 'COVERAGE_LIMIT_REACHED', 'WAITING_PRD_APPROVAL'],
  ['VERIFYING_PRD_COVERAGE', 'GAPS_FOUND', 'REFINING_PRD'],
  ['WAITING_PRD_APPROVAL', 'APPROVE', 'DRAFTING_BEADS'],
  ['DRAFTING_BEADS', 'DRAFTS_READY', 'COUNCIL_VOTING_BEADS'],
  ['COUNCIL_VOTING_BEADS', 'WINNER_SELECTED', 'REFINING_BEADS'],
  ['REFINING_BEADS', 'REFINED', 'VERIFYING_BEADS_COVERAGE'],
  ['VERIFYING_BEADS_COVERAGE', 'COVERAGE_CLEAN', 'EXPANDING_BEADS'],
  ['VERIFYING_BEADS_COVERAGE', 'COVERAGE_LIMIT_REACHED', 'EXPANDING_BEADS'],
  ['VERIFYING_BEADS_COVERAGE', 'GAPS_FOUND', 'REFINING_BEADS'],
  ['EXPANDING_BEADS', 'EXPANDED', 'WAITING_BEADS_APPROVAL'],
  ['WAITING_BEADS_APPROVAL', 'APPROVE', 'PRE_FLIGHT_CHECK'],
  ['PRE_FLIGHT_CHECK', 'CHECKS_PASSED', 'GENERATING_EXECUTION_SETUP_PLAN'],
  ['PRE_FLIGHT_CHECK', 'CHECKS_FAILED', 'BLOCKED_ERROR'],
  ['GENERATING_EXECUTION_SETUP_PLAN', 'EXECUTION_SETUP_PLAN_READY', 'WAITING_EXECUTION_SETUP_APPROVAL'],
  ['GENERATING_EXECUTION_SETUP_PLAN', 'EXECUTION_SETUP_PLAN_FAILED', 'WAITING_EXECUTION_SETUP_APPROVAL'],
  ['WAITING_EXECUTION_SETUP_APPROVAL', 'REGENERATE_EXECUTION_SETUP_PLAN', 'GENERATING_EXECUTION_SETUP_PLAN'],
  ['WAITING_EXECUTION_SETUP_APPROVAL', 'APPROVE_EXECUTION_SETUP_PLAN', 'PREPARING_EXECUTION_ENV'],
  ['PREPARING_EXECUTION_ENV', 'EXECUTION_SETUP_READY', 'CODING'],
  ['PREPARING_EXECUTION_ENV', 'EXECUTION_SETUP_EVIDENCE_CHANGED', 'WAITING_EXECUTION_SETUP_APPROVAL'],
  ['PREPARING_EXECUTION_ENV', 'REGENERATE_EXECUTION_SETUP_PLAN', 'GENERATING_EXECUTION_SETUP_PLAN'],
  ['PREPARING_EXECUTION_ENV', 'EXECUTION_SETUP_FAILED', 'BLOCKED_ERROR'],
  ['CODING', 'ALL_BEADS_DONE', 'RUNNING_FINAL_TEST'],
  ['CODING', 'BEAD_ERROR', 'BLOCKED_ERROR'],
  ['RUNNING_FINAL_TEST', 'TESTS_FAILED', 'BLOCKED_ERROR'],
  ['GENERATING_QA_CHECKLIST', 'QA_CHECKLIST_READY', 'WAITING_MANUAL_QA'],
  ['WAITING_MANUAL_QA', 'MANUAL_QA_COMPLETE', 'INTEGRATING_CHANGES'],
  ['WAITING_MANUAL_QA', 'MANUAL_QA_SKIPPED', 'INTEGRATING_CHANGES'],
  ['WAITING_MANUAL_QA', 'MANUAL_QA_FIXES_CREATED', 'CODING'],
  ['INTEGRATING_CHANGES', 'INTEGRATION_DONE', 'CREATING_PULL_REQUEST'],
  ['CREATING_PULL_REQUEST', 'PULL_REQUEST_READY', 'WAITING_PR_REVIEW'],
  ['WAITING_PR_REVIEW', 'MERGE_COMPLETE', 'CLEANING_ENV'],
  ['WAITING_PR_REVIEW', 'CLOSE_UNMERGED_COMPLETE', 'CLEANING_ENV'],
  ['CLEANING_ENV', 'CLEANUP_DONE', 'COMPLETED'],
];

const nonTerminal = STATUSES.filter((s) => s !== 'COMPLETED' && s !== 'CANCELED');

describe('transition', () => {
  it.each(allowed)('%s + %s → %s', (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, to });
  });

  it.each(nonTerminal)('%s accepts CANCEL', (from) => {
    expect(transition(from, 'CANCEL')).toEqual({ ok: true, to: 'CANCELED' });
  });

  it.each(nonTerminal.filter((s) => s !== 'DRAFT' && s !== 'BLOCKED_ERROR'))('%s accepts ERROR', (from) => {
    expect(transition(from, 'ERROR')).toEqual({ ok: true, to: 'BLOCKED_ERROR' });
  });

  it.each(['DRAFT', 'BLOCKED_ERROR'] as const)('%s refuses ERROR', (from) => {
    expect(transition(from, 'ERROR')).toMatchObject({ ok: false, reason: 'not_allowed' });
  });

  it.each(['COMPLETED', 'CANCELED'] as const)('terminal %s refuses every event', (from) => {
    for (const event of WORKFLOW_EVENTS)
      expect(transition(from, event)).toMatchObject({ ok: false, reason: 'terminal' });
  });

  it('loops CODING until every bead is done, and needs at least one bead to leave', () => {
    expect(transition('CODING', 'BEAD_COMPLETE', { beadsCompleted: 2, beadsTotal: 5 })).toEqual({
      ok: true,
      to: 'CODING',
    });
    expect(transition('CODING', 'BEAD_COMPLETE', { beadsCompleted: 5, beadsTotal: 5 })).toEqual({
      ok: true,
      to: 'RUNNING_FINAL_TEST',
    });
    expect(transition('CODING', 'BEAD_COMPLETE', { beadsCompleted: 0, beadsTotal: 0 })).toEqual({
      ok: true,
      to: 'CODING',
    });
  });

  it('routes a passed final test through Manual QA only when it was locked on', () => {
    expect(transition('RUNNING_FINAL_TEST', 'TESTS_PASSED', { lockedManualQaEnabled: true })).toEqual({
      ok: true,
      to: 'GENERATING_QA_CHECKLIST',
    });
    expect(transition('RUNNING_FINAL_TEST', 'TESTS_PASSED', {})).toEqual({ ok: true, to: 'INTEGRATING_CHANGES' });
  });

  it('resumes BLOCKED_ERROR into previousStatus with RETRY or CONTINUE', () => {
    for (const event of ['RETRY', 'CONTINUE'] as const) {
      expect(transition('BLOCKED_ERROR', event, { previousStatus: 'DRAFTING_PRD' })).toEqual({
        ok: true,
        to: 'DRAFTING_PRD',
      });
      expect(transition('BLOCKED_ERROR', event, { previousStatus: null })).toMatchObject({
        ok: false,
        reason: 'guard_failed',
      });
      expect(transition('BLOCKED_ERROR', event, { previousStatus: 'CANCELED' })).toMatchObject({ ok: false });
    }
  });

  it('returns a blocked workspace setup to the setup-plan gate on a plan edit (§4.4), and nothing else', () => {
    expect(
      transition('BLOCKED_ERROR', 'EXECUTION_SETUP_EVIDENCE_CHANGED', { previousStatus: 'PREPARING_EXECUTION_ENV' }),
    ).toEqual({ ok: true, to: 'WAITING_EXECUTION_SETUP_APPROVAL' });
    expect(transition('BLOCKED_ERROR', 'EXECUTION_SETUP_EVIDENCE_CHANGED', { previousStatus: 'CODING' })).toMatchObject(
      { ok: false, reason: 'guard_failed' },
    );
  });

  it.each([
    ['DRAFT', 'APPROVE'],
    ['SCANNING_RELEVANT_FILES', 'START'],
    ['WAITING_INTERVIEW_APPROVAL', 'DRAFTS_READY'],
    ['CODING', 'APPROVE'],
    ['WAITING_PR_REVIEW', 'CLEANUP_DONE'],
    ['BLOCKED_ERROR', 'APPROVE'],
  ] as const)('refuses %s + %s', (from, event) => {
    expect(transition(from, event)).toMatchObject({ ok: false, reason: 'not_allowed' });
  });

  it('restarts planning after an approved document is edited, only before the execution band', () => {
    expect(transition('WAITING_PRD_APPROVAL', 'RESTART_PLANNING', { restartTo: 'DRAFTING_PRD' })).toEqual({
      ok: true,
      to: 'DRAFTING_PRD',
    });
    expect(transition('REFINING_BEADS', 'RESTART_PLANNING', { restartTo: 'DRAFTING_BEADS' })).toEqual({
      ok: true,
      to: 'DRAFTING_BEADS',
    });
    expect(
      transition('BLOCKED_ERROR', 'RESTART_PLANNING', { previousStatus: 'DRAFTING_PRD', restartTo: 'DRAFTING_PRD' }),
    ).toEqual({
      ok: true,
      to: 'DRAFTING_PRD',
    });
    expect(transition('DRAFTING_PRD', 'RESTART_PLANNING', { restartTo: 'DRAFTING_BEADS' })).toMatchObject({
      ok: false,
    });
    expect(transition('PRE_FLIGHT_CHECK', 'RESTART_PLANNING', { restartTo: 'DRAFTING_PRD' })).toMatchObject({
      ok: false,
    });
    expect(transition('WAITING_INTERVIEW_APPROVAL', 'RESTART_PLANNING', { restartTo: 'DRAFTING_PRD' })).toMatchObject({
      ok: false,
    });
  });

  it('knows which statuses accept an event', () => {
    expect(statusesAccepting('APPROVE')).toEqual([
      'WAITING_INTERVIEW_APPROVAL',
      'WAITING_PRD_APPROVAL',
      'WAITING_BEADS_APPROVAL',
      'WAITING_EXECUTION_SETUP_APPROVAL',
    ]);
  });
});
