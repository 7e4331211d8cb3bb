import type { RouterOutputs } from '@looptroop/core';
import { parse } from 'yaml';
import { describeCouncil, describeCoverage, describeHash } from './review-summary.ts';

type PlanningReview = RouterOutputs['planning']['review'];

// The PRD and the Full Answers reach the CLI as YAML text (core exports no document type), so they are read
// field by field from `unknown`: a field this reader does not find is left out, never guessed.

type YamlMap = Record<string, unknown>;

const isMap = (value: unknown): value is YamlMap =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const map = (value: unknown): YamlMap => (isMap(value) ? value : {});
const maps = (value: unknown): YamlMap[] => (Array.isArray(value) ? value.filter(isMap) : []);
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(text).filter(Boolean) : []);

function parseYaml(raw: string | null): YamlMap | null {
  if (raw === null) return null;
  try {
    const value: unknown = parse(raw);
    return isMap(value) ? value : null;
  } catch {
    return null;
  }
}

const bullets = (items: string[], mark: string, indent = '  ') => items.map((item) => `${indent}${mark} ${item}`);

/** `architecture_constraints` → `Architecture constraints`. */
const label = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replaceAll('_', ' ');

function describeEpics(prd: YamlMap): string[] {
  const epics = maps(prd.epics);
  const stories = epics.flatMap((epic) => maps(epic.user_stories));
  const criteria = stories.reduce((n, story) => n + texts(story.acceptance_criteria).length, 0);
  const lines = [`Epics (${epics.length} epics, ${stories.length} stories, ${criteria} acceptance criteria)`];
  for (const epic of epics) {
    lines.push(`  ${text(epic.id)}  ${text(epic.title)}`);
    if (text(epic.objective)) lines.push(`      ${text(epic.objective)}`);
    for (const story of maps(epic.user_stories)) {
      lines.push(
        `    ${text(story.id)}  ${text(story.title)}`,
        ...bullets(texts(story.acceptance_criteria), '✓', '      '),
      );
      const commands = texts(map(story.verification).required_commands);
      if (commands.length) lines.push(`      verify: ${commands.join(', ')}`);
    }
  }
  return lines;
}

function describeDocument(prd: YamlMap): string[] {
  const product = map(prd.product);
  const scope = map(prd.scope);
  const requirements = Object.entries(map(prd.technical_requirements)).filter(([, items]) => texts(items).length);
  const risks = texts(prd.risks);
  return [
    `Problem   ${text(product.problem_statement) || '(not stated)'}`,
    ...(texts(product.target_users).length ? [`Users     ${texts(product.target_users).join(', ')}`] : []),
    '',
    'In scope',
    ...(texts(scope.in_scope).length ? bullets(texts(scope.in_scope), '+') : ['  (none listed)']),
    ...(texts(scope.out_of_scope).length ? ['Out of scope', ...bullets(texts(scope.out_of_scope), '-')] : []),
    '',
    ...describeEpics(prd),
    ...(requirements.length
      ? [
          '',
          'Technical requirements',
          ...requirements.flatMap(([key, items]) => [`  ${label(key)}`, ...bullets(texts(items), '-', '    ')]),
        ]
      : []),
    '',
    ...(risks.length ? ['Risks', ...bullets(risks, '!')] : ['Risks     (none listed)']),
  ];
}

/** workflow.md §8.5: the answers the AI filled in for skipped questions, shown read-only beside the PRD. */
function describeFullAnswers(raw: string | null): string[] {
  const filled = maps(parseYaml(raw)?.questions).filter((q) => map(q.answer).answered_by === 'ai_skip');
  if (!filled.length) return [];
  return [
    `Full Answers  ${filled.length} skipped answer${filled.length === 1 ? '' : 's'} filled in by the AI (read-only)`,
    ...filled.map((q) => {
      const answer = map(q.answer);
      const options = new Map(maps(q.options).map((o) => [text(o.id), text(o.label)]));
      const chosen = texts(answer.selected_option_ids).map((id) => options.get(id) || id);
      const value = [...chosen, text(answer.free_text)].filter(Boolean).join('; ');
      return `  ${text(q.id)} ${text(q.prompt)} → ${value || '(empty)'}`;
    }),
  ];
}

/** `prd show`: the PRD as a reviewer reads it (epics → stories → criteria, scope, risks), then its review record. */
export function describePrdReview(review: PlanningReview): string {
  const prd = parseYaml(review.raw);
  const status = text(prd?.status);
  return [
    `PRD of ${review.ticketId}${status ? ` (${status})` : ''} — ticket is ${review.ticketStatus}`,
    '',
    ...(prd ? describeDocument(prd) : ['(the stored PRD is not a YAML mapping; see --raw)']),
    '',
    ...describeCoverage(review.coverage),
    ...describeCouncil(review.council),
    ...describeFullAnswers(review.fullAnswers),
    describeHash(review),
    ...(review.ticketStatus === 'WAITING_PRD_APPROVAL'
      ? [`Next      looptroop prd approve ${review.ticketId}   (or: looptroop prd edit ${review.ticketId})`]
      : []),
  ].join('\n');
}
