import { describe, expect, it } from 'vitest';
import { parseStructured } from '../structured/index.ts';
import { beadStatusSpec, isPassing } from './bead-status.ts';

// workflow.md §10.6 step 5 and §12.3 "Bead completion": every normalization of the <BEAD_STATUS> marker, as a table.

const spec = beadStatusSpec('B-1');
const parse = (text: string) => parseStructured(text, spec);
const wrap = (body: unknown) => `<BEAD_STATUS>${JSON.stringify(body)}</BEAD_STATUS>`;
const checks = (value: unknown) => ({ tests: value, lint: value, typecheck: value, qualitative: value });

describe('the <BEAD_STATUS> marker', () => {
  it.each([
    ['pass', 'pass'],
    ['passed', 'pass'],
    ['OK', 'pass'],
    ['success', 'pass'],
    ['complete', 'pass'],
    [true, 'pass'],
    ['true', 'pass'],
    [1, 'pass'],
    ['1', 'pass'],
    ['fail', 'fail'],
    ['failed', 'fail'],
    ['error', 'fail'],
    ['timeout', 'fail'],
    ['notrun', 'fail'],
    ['not_run', 'fail'],
    ['Not Run', 'fail'],
    ['skipped', 'fail'],
    ['pending', 'fail'],
    [false, 'fail'],
    [0, 'fail'],
  ])('normalizes the check value %j to %s', (value, expected) => {
    const result = parse(wrap({ bead_id: 'B-1', status: 'done', checks: checks(value) }));
    expect(result.ok && result.value.checks).toEqual(checks(expected));
  });

  it.each([
    ['done', 'done'],
    ['completed', 'done'],
    ['complete', 'done'],
    ['success', 'done'],
    ['succeeded', 'done'],
    ['Succeeded', 'done'],
    ['error', 'error'],
    ['failed', 'error'],
    ['fail', 'error'],
  ])('normalizes the status %j to %s', (status, expected) => {
    const result = parse(wrap({ bead_id: 'B-1', status, checks: checks('pass') }));
    expect(result.ok && result.value.status).toBe(expected);
  });

  it.each([
    ['test', 'tests'],
    ['linter', 'lint'],
    ['type_check', 'typecheck'],
    ['typeCheck', 'typecheck'],
    ['typescript', 'typecheck'],
    ['quality', 'qualitative'],
    ['review', 'qualitative'],
  ])('accepts the check key %s for %s', (key, canonical) => {
    const all = { tests: 'pass', lint: 'pass', typecheck: 'pass', qualitative: 'pass' } as Record<string, string>;
    delete all[canonical];
    const result = parse(wrap({ bead_id: 'B-1', status: 'done', checks: { ...all, [key]: 'fail' } }));
    expect(result.ok && result.value.checks[canonical as 'tests']).toBe('fail');
  });

  it('finds the marker after prose and with a beadId key spelled differently', () => {
    const result = parse(
      `I ran the tests.\n\n<BEAD_STATUS>{"beadId":"B-1","status":"done","checks":${JSON.stringify(checks('ok'))},"reason":"all good"}</BEAD_STATUS>`,
    );
    expect(result.ok && result.value).toMatchObject({ bead_id: 'B-1', status: 'done', reason: 'all good' });
    expect(result.ok && isPassing(result.value)).toBe(true);
  });

  it.each([
    ['no marker at all', 'I changed the file.'],
    ['an unknown status', wrap({ bead_id: 'B-1', status: 'maybe', checks: checks('pass') })],
    ['an unknown check value', wrap({ bead_id: 'B-1', status: 'done', checks: checks('perhaps') })],
    [
      'a missing check',
      wrap({ bead_id: 'B-1', status: 'done', checks: { tests: 'pass', lint: 'pass', typecheck: 'pass' } }),
    ],
    ['another bead', wrap({ bead_id: 'B-2', status: 'done', checks: checks('pass') })],
  ])('rejects %s', (_name, text) => {
    expect(parse(text).ok).toBe(false);
  });

  it('passes only a done marker whose four checks all pass', () => {
    const value = (status: string, c: Record<string, string>) => {
      const result = parse(wrap({ bead_id: 'B-1', status, checks: { ...checks('pass'), ...c } }));
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };
    expect(isPassing(value('done', {}))).toBe(true);
    expect(isPassing(value('error', {}))).toBe(false);
    expect(isPassing(value('done', { lint: 'skipped' }))).toBe(false);
    expect(isPassing(value('done', { qualitative: 'fail' }))).toBe(false);
  });
});
