import { questionsSpec, relevantFilesSpec } from './corpus/schemas.ts';
import { parseStructured } from './index.ts';

const cases: [string, string, typeof relevantFilesSpec | typeof questionsSpec][] = [
  [
    'block scalar + broken',
    `file_count: 1\nfiles:\n  - path: src/a.ts\n    rationale: |\n      path:x and - id: y\n      key: value: more\n    relevance:high\n    likely_action: read`,
    relevantFilesSpec,
  ],
  [
    'windows path',
    `file_count: 1\nfiles:\n  - path: "C:\\src\\app.ts"\n    rationale: Main\n    relevance: high\n    likely_action: read`,
    relevantFilesSpec,
  ],
  [
    'hash in question',
    `questions:\n  - id: Q1\n    phase: foundation\n    question: Is issue #42 in scope? See: the tracker`,
    questionsSpec,
  ],
  [
    'thinking mentions files:',
    `I need to list files: the ones below.\nfiles: are important.\n<RELEVANT_FILES_RESULT>\nfile_count: 1\nfiles:\n  - path: a.ts\n    rationale: x\n    relevance: low\n    likely_action: read\n</RELEVANT_FILES_RESULT>`,
    relevantFilesSpec,
  ],
  [
    'upper root keys',
    `FILE_COUNT: 1\nFiles:\n  - Path: a.ts\n    Rationale: x\n    Relevance: low\n    LikelyAction: read`,
    relevantFilesSpec,
  ],
  [
    'json trailing commas',
    `{"file_count": 1, "files": [{"path": "a", "rationale": "b", "relevance": "low", "likely_action": "read",},],}`,
    relevantFilesSpec,
  ],
  [
    'comment lines',
    `# result\nquestions:\n  # first\n  - id: Q1\n    phase: foundation # tail\n    question: Why?`,
    questionsSpec,
  ],
  [
    'wrapped question without colon',
    `questions:\n  - id: Q1\n    phase: foundation\n    question: Why is this\n      needed at all?`,
    questionsSpec,
  ],
  ['item scalar list', `questions:\n  - Q1\n    phase: foundation\n    question: Why?`, questionsSpec],
  [
    'quoted key json-ish yaml',
    `"questions":\n  - "id": "Q1"\n    "phase": "foundation"\n    "question": "He said "hi" to me"`,
    questionsSpec,
  ],
  ['split keys', `questions:\n  - id: Q1 phase: foundation question: What is it?`, questionsSpec],
  [
    'single quotes apostrophe',
    `questions:\n  - id: Q1\n    phase: foundation\n    question: 'What's the plan?'`,
    questionsSpec,
  ],
];
for (const [name, text, spec] of cases) {
  const r = parseStructured(text, spec as typeof relevantFilesSpec);
  console.log(
    name.padEnd(32),
    r.ok
      ? `OK ${r.candidate} [${r.warnings.map((w) => w.rule)}] ${JSON.stringify(r.value).slice(0, 160)}`
      : `FAIL ${r.failureClass}: ${r.error.replace(/\n/g, ' | ').slice(0, 160)}`,
  );
}
