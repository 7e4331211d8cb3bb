import { describe, expect, it } from 'vitest';
import { applyCandidateAudit } from './candidate-audit.ts';

const changed = ['src/a.js', 'debug.log', 'notes.txt', 'src/b.js'];

describe('applyCandidateAudit (§10.10 step 1)', () => {
  it('excludes only files with evidence; unmentioned files and evidence-free exclusions stay', () => {
    const audit = applyCandidateAudit(changed, {
      files: [
        { path: 'src/a.js', decision: 'include', evidence: '' },
        { path: './debug.log', decision: 'exclude', evidence: 'a log written by the test run' },
        { path: 'notes.txt', decision: 'exclude', evidence: ' ' },
        { path: 'not/changed.js', decision: 'exclude', evidence: 'x' },
      ],
    });
    expect(audit.source).toBe('model');
    expect(audit.excluded).toEqual(['debug.log']);
    expect(audit.kept).toEqual(['src/a.js', 'notes.txt', 'src/b.js']);
    expect(audit.files.find((f) => f.path === 'notes.txt')).toMatchObject({ decision: 'review' });
    expect(audit.files.find((f) => f.path === 'src/b.js')?.note).toContain('not classified');
  });

  it('includes everything when the audit could not be parsed', () => {
    const audit = applyCandidateAudit(changed, null, 'no YAML found');
    expect(audit).toMatchObject({ source: 'unparseable', excluded: [], kept: changed, error: 'no YAML found' });
  });
});
