import type { z } from 'zod';
import { type Candidate, extractCandidates } from './extract.ts';
import { describeIssues } from './issues.ts';
import { normalizeValue } from './normalize.ts';
import { parseYamlDocument } from './parse-document.ts';
import { detectPromptEcho } from './prompt-echo.ts';
import { REPAIR_GROUPS } from './repair-groups.ts';
import { applyRepairGroup, createRepairContext } from './repair-rule.ts';
import { objectShape } from './schema-shape.ts';
import { stripTerminalNoise } from './terminal-noise.ts';
import type { CandidateKind, RepairWarning, StructuredFailure, StructuredResult, StructuredSpec } from './types.ts';

/** One parse of one candidate text, with the repairs that produced it. */
type Trial<T> =
  | { kind: 'valid'; value: T; warnings: RepairWarning[] }
  | { kind: 'invalid'; issues: z.core.$ZodIssue[]; warnings: RepairWarning[] }
  | { kind: 'unparseable'; error: string };

/** Which candidate's parse error explains an unparseable answer best: the most specific extraction. */
const ERROR_PREFERENCE: readonly CandidateKind[] = ['tag', 'fence', 'root-key', 'root-key-glued', 'json', 'raw'];

/**
 * workflow.md §12.2: prompt-echo check, candidate extraction, noise cleanup, YAML repairs with a reparse after each
 * group, unwrap, key aliasing, zod validation. Every candidate is first tried as extracted; only when none validates
 * are the repair groups applied, so a clean extraction never collects repair warnings. Pure: no I/O, no clock.
 */
export function parseStructured<T>(text: string, spec: StructuredSpec<T>): StructuredResult<T> {
  if (text.trim() === '') return failure('empty', 'The model returned no text.');
  const rootKeys = spec.rootKeys ?? Object.keys(objectShape(spec.schema) ?? {});
  const echo = detectPromptEcho(text, rootKeys);
  if (echo) return failure('prompt_echo', `Prompt echo: ${echo}.`);
  const noise = stripTerminalNoise(text);
  if (noise.text.trim() === '') return failure('empty', 'The model returned only terminal noise.', noise.warnings);

  const candidates = extractCandidates(noise.text, { tag: spec.tag, rootKeys });
  const context = createRepairContext({ ...spec, rootKeys });
  const trials = candidates.map((candidate) => [tryText(candidate.text, spec, [])]);
  for (const [i, candidate] of candidates.entries()) {
    const first = trials[i]?.[0];
    if (first?.kind === 'valid') return success(candidate, first, noise.warnings);
  }
  for (const [i, candidate] of candidates.entries()) {
    let current = candidate.text;
    const repairs: RepairWarning[] = [];
    for (const group of REPAIR_GROUPS) {
      const repaired = applyRepairGroup(current, group, context);
      if (repaired.text === current) continue;
      current = repaired.text;
      repairs.push(...repaired.warnings);
      const trial = tryText(current, spec, repairs);
      if (trial.kind === 'valid') return success(candidate, trial, noise.warnings);
      trials[i]?.push(trial);
    }
  }
  return closestFailure(candidates, trials, noise.warnings);
}

function tryText<T>(text: string, spec: StructuredSpec<T>, repairs: readonly RepairWarning[]): Trial<T> {
  const parsed = parseYamlDocument(text);
  if (!parsed.ok) return { kind: 'unparseable', error: parsed.error };
  if (typeof parsed.value !== 'object' || parsed.value === null) {
    const direct = spec.schema.safeParse(parsed.value);
    if (direct.success) return { kind: 'valid', value: direct.data, warnings: [...repairs] };
    return { kind: 'unparseable', error: 'no YAML mapping or list was found' };
  }
  const normalized = normalizeValue(parsed.value, spec.schema, spec);
  const warnings = [...repairs, ...normalized.warnings];
  const result = spec.schema.safeParse(normalized.value);
  if (result.success) return { kind: 'valid', value: result.data, warnings };
  return { kind: 'invalid', issues: result.error.issues, warnings };
}

function success<T>(
  candidate: Candidate,
  trial: Extract<Trial<T>, { kind: 'valid' }>,
  noise: readonly RepairWarning[],
): StructuredResult<T> {
  const recovery: RepairWarning[] = [];
  if (candidate.isPrefixStripped) {
    recovery.push({ category: 'cleanup', stage: 'parse', rule: 'strip-transcript-prefix' });
  }
  if (candidate.kind !== 'raw') {
    recovery.push({ category: 'parser_fix', stage: 'parse', rule: 'candidate-recovery', detail: candidate.kind });
  }
  const warnings = [...noise, ...recovery, ...trial.warnings];
  return { ok: true, value: trial.value, warnings, candidate: candidate.kind, repaired: warnings.length > 0 };
}

/**
 * The failure the retry prompt reports. If any candidate parsed into a document, the first such candidate (in trial
 * order) is `invalid`, with its attempt that has the fewest issues; otherwise the answer is `unparseable`, explained by
 * the parse error of the most specific candidate.
 */
function closestFailure<T>(
  candidates: readonly Candidate[],
  trials: readonly Trial<T>[][],
  noise: RepairWarning[],
): StructuredFailure {
  for (const attempts of trials) {
    const invalid = attempts.filter((t) => t.kind === 'invalid');
    const best = invalid.reduce<(typeof invalid)[number] | undefined>(
      (min, t) => (min === undefined || t.issues.length < min.issues.length ? t : min),
      undefined,
    );
    if (best) return failure('invalid', describeIssues(best.issues), [...noise, ...best.warnings], best.issues);
  }
  const ranked = candidates
    .map((candidate, i) => ({ candidate, first: trials[i]?.[0] }))
    .sort((a, b) => ERROR_PREFERENCE.indexOf(a.candidate.kind) - ERROR_PREFERENCE.indexOf(b.candidate.kind));
  const explained = ranked.find((r) => r.first?.kind === 'unparseable');
  const reason =
    explained?.first?.kind === 'unparseable' ? explained.first.error : 'no YAML or JSON document was found';
  const where =
    explained && explained.candidate.kind !== 'raw' ? ` (in the ${explained.candidate.kind} candidate)` : '';
  return failure('unparseable', `The output is not a valid YAML or JSON document${where}: ${reason}`, noise);
}

function failure(
  failureClass: StructuredFailure['failureClass'],
  error: string,
  warnings: RepairWarning[] = [],
  issues?: z.core.$ZodIssue[],
): StructuredFailure {
  return { ok: false, error, failureClass, warnings, ...(issues ? { issues } : {}) };
}
