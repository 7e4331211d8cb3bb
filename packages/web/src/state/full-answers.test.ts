import { describe, expect, it } from 'vitest';
import { parseFullAnswers } from './full-answers.ts';

const raw = `schema_version: 1
artifact: interview
questions:
  - id: Q01
    prompt: Who logs in?
    answer_type: free_text
    options: []
    answer:
      skipped: false
      selected_option_ids: []
      free_text: Registered users
      answered_by: user
  - id: Q02
    prompt: Which login methods?
    answer_type: multiple_choice
    options:
      - { id: opt-password, label: Password }
      - { id: opt-sso, label: SSO }
    answer:
      skipped: false
      selected_option_ids: [opt-password, opt-sso]
      free_text: Both
      answered_by: user
  - id: Q03
    prompt: How long do sessions last?
    answer:
      skipped: false
      selected_option_ids: []
      free_text: Filled in for Q03.
      answered_by: ai_skip
`;

describe('parseFullAnswers', () => {
  it('marks the answers the council filled in for skipped questions', () => {
    const { rows } = parseFullAnswers(raw);
    expect(rows).toEqual([
      { id: 'Q01', prompt: 'Who logs in?', answer: 'Registered users', isAiFilled: false, isSkipped: false },
      {
        id: 'Q02',
        prompt: 'Which login methods?',
        answer: 'Password, SSO — Both',
        isAiFilled: false,
        isSkipped: false,
      },
      {
        id: 'Q03',
        prompt: 'How long do sessions last?',
        answer: 'Filled in for Q03.',
        isAiFilled: true,
        isSkipped: false,
      },
    ]);
  });

  it.each([
    ['broken YAML', 'questions: [unclosed'],
    ['a document without questions', 'artifact: interview'],
  ])('reports %s instead of failing', (_name, text) => {
    expect(parseFullAnswers(text).error).toBeTruthy();
  });
});
