import { describe, expect, it } from 'vitest';
import { InterviewBatch } from './schema.ts';
import {
  answersMessage,
  applyBatch,
  buildDocument,
  createSession,
  editAnswer,
  progressOf,
  recordAnswers,
  skipRemaining,
  toBatchPayload,
} from './session.ts';

const now = '2026-11-28T10:00:00.000Z';
const base = () =>
  createSession({
    winnerId: 'a/main',
    maxInitialQuestions: 10,
    maxFollowUps: 1,
    compiled: [
      { id: 'Q01', phase: 'Foundation', question: 'Who uses it?' },
      { id: 'Q02', phase: 'Structure', question: 'Which login methods?' },
    ],
    now,
  });

const batch = (raw: unknown) => InterviewBatch.parse(raw);

describe('interview session', () => {
  it('keeps compiled ids when a batch rephrases them, and caps prompt follow-ups', () => {
    const { session, dropped } = applyBatch(
      base(),
      batch({
        ai_commentary: 'Start with users',
        questions: [
          { id: 'Q01', question: 'Who are the users?', phase: 'foundation', answer_type: 'free_text' },
          { id: 'FU1', question: 'Any admins?', phase: 'Foundation', answer_type: 'yes_no' },
          { id: 'FU2', question: 'Over the cap', phase: 'Foundation' },
        ],
      }),
      'prom4',
      now,
    );
    expect(dropped).toEqual(['FU2']);
    expect(session.questions.find((q) => q.id === 'Q01')).toMatchObject({
      source: 'compiled',
      question: 'Who are the users?',
    });
    expect(session.questions.find((q) => q.id === 'FU1')?.source).toBe('prompt_follow_up');
    expect(toBatchPayload(session)).toMatchObject({
      batchNumber: 1,
      source: 'prom4',
      aiCommentary: 'Start with users',
    });
    expect(toBatchPayload(session)?.questions.map((q) => q.id)).toEqual(['Q01', 'FU1']);
  });

  it('records text, choices and skips; refuses missing or foreign answers and unknown options', () => {
    const { session } = applyBatch(
      base(),
      batch({
        questions: [
          { id: 'Q01', question: 'Users?', phase: 'Foundation' },
          {
            id: 'Q02',
            question: 'Login?',
            phase: 'Structure',
            answer_type: 'multiple_choice',
            options: [
              { id: 'pw', label: 'Password' },
              { id: 'sso', label: 'SSO' },
            ],
          },
        ],
      }),
      'prom4',
      now,
    );
    expect(() => recordAnswers(session, { answers: { Q01: 'devs' }, selectedOptions: {} }, now)).toThrow(
      /needs an answer/,
    );
    expect(() => recordAnswers(session, { answers: { Q09: 'x' }, selectedOptions: {} }, now)).toThrow(
      /outside the current batch/,
    );
    expect(() => recordAnswers(session, { answers: { Q01: 'x' }, selectedOptions: { Q02: ['otp'] } }, now)).toThrow(
      /Unknown option/,
    );
    const answered = recordAnswers(
      session,
      { answers: { Q02: 'SSO first' }, selectedOptions: { Q02: ['pw', 'sso'] }, skipped: { Q01: 'not sure yet' } },
      now,
    );
    expect(answered.pendingAnswerIds).toEqual(['Q01', 'Q02']);
    expect(answersMessage(answered, ['Q01', 'Q02'])).toBe(
      'Q01: Users?\nAnswer: [SKIPPED] (reason: not sure yet)\n\nQ02: Login?\nAnswer: Selected: "Password", "SSO". Notes: SSO first',
    );
    expect(progressOf(answered)).toEqual({ answered: 2, total: 2 });
  });

  it('registers coverage follow-ups as a numbered round', () => {
    const { session } = applyBatch(
      base(),
      batch({ questions: [{ id: 'CFU1', question: 'Session lifetime?', phase: 'Assembly' }] }),
      'coverage',
      now,
    );
    expect(session.followUpRounds).toEqual([{ roundNumber: 1, source: 'coverage', questionIds: ['CFU1'] }]);
    expect(session.coverageFollowUpsUsed).toBe(1);
    expect(session.questions.at(-1)).toMatchObject({ source: 'coverage_follow_up', follow_up_round: 1 });
  });

  it('skip all keeps answers, skips the rest with the shared reason, and the document shows both', () => {
    const { session } = applyBatch(
      base(),
      batch({ questions: [{ id: 'Q01', question: 'Users?', phase: 'Foundation' }] }),
      'prom4',
      now,
    );
    const answered = recordAnswers(session, { answers: { Q01: 'developers' }, selectedOptions: {} }, now);
    const skipped = skipRemaining(answered, 'decide later', now);
    expect(skipped.currentBatch).toBeNull();
    const doc = buildDocument(skipped, 'AUTH-1', now);
    expect(doc.questions.map((q) => [q.id, q.answer.skipped, q.answer.free_text, q.answer.skip_reason])).toEqual([
      ['Q01', false, 'developers', undefined],
      ['Q02', true, '', 'decide later'],
    ]);
    expect(doc).toMatchObject({ ticket_id: 'AUTH-1', artifact: 'interview', status: 'draft' });
  });

  it('edits only recorded answers', () => {
    const { session } = applyBatch(
      base(),
      batch({ questions: [{ id: 'Q01', question: 'Users?', phase: 'Foundation' }] }),
      'prom4',
      now,
    );
    const answered = recordAnswers(session, { answers: { Q01: 'devs' }, selectedOptions: {} }, now);
    const edited = editAnswer(
      answered,
      'Q01',
      { skipped: false, selected_option_ids: [], free_text: 'everyone', answered_by: 'user', answered_at: now },
      now,
    );
    expect(edited.answers.Q01?.free_text).toBe('everyone');
    expect(() => editAnswer(answered, 'Q02', edited.answers.Q01 as never, now)).toThrow(/no recorded answer/);
  });
});
