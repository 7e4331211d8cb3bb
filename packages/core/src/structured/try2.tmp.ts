import { questionsSpec } from './corpus/schemas.ts';
import { parseStructured } from './index.ts';

const cases: [string, string][] = [
  [
    'trailing prose',
    `Here are the questions.\n\nquestions:\n  - id: Q1\n    phase: foundation\n    question: Why?\n\nHope this helps!`,
  ],
  [
    'trailing prose colon',
    `questions:\n  - id: Q1\n    phase: foundation\n    question: Why?\n\nNote: I can add more.`,
  ],
  ['prefix only on first line', `[assistant]\nquestions:\n  - id: Q1\n    phase: foundation\n    question: Why?`],
];
for (const [name, text] of cases) {
  const r = parseStructured(text, questionsSpec);
  console.log(
    name.padEnd(24),
    r.ok
      ? `OK ${r.candidate} [${r.warnings.map((w) => w.rule)}] ${JSON.stringify(r.value).slice(0, 120)}`
      : `FAIL ${r.failureClass}: ${r.error.replace(/\n/g, ' | ').slice(0, 200)}`,
  );
}
