import { describe, expect, it } from 'vitest';
import { fallbackPullRequestDraft, PR_TITLE_MAX, PullRequestDraft } from './pr-draft.ts';

const integration = {
  files: [
    { path: 'src/a.js', status: 'A', additions: 3, deletions: 0 },
    { path: 'logo.png', status: 'M', additions: null, deletions: null },
  ],
  totals: { files: 2, additions: 3, deletions: 0 },
  squashedCommits: 4,
  candidateSha: '0123456789abcdef0123',
  baseBranch: 'main',
};

describe('fallbackPullRequestDraft (§10.10 step 2)', () => {
  it('builds the same valid title and body from the ticket and the integration report', () => {
    const input = {
      externalId: 'AUTH-1',
      ticketTitle: 'Add login',
      ticketDescription: 'Users sign in.',
      integration,
      finalTestSummary: 'All 12 tests passed.',
    };
    const draft = fallbackPullRequestDraft(input);
    expect(draft.title).toBe('AUTH-1: Add login');
    expect(draft.body).toContain('Users sign in.');
    expect(draft.body).toContain('- `src/a.js` (A, +3 −0)');
    expect(draft.body).toContain('- `logo.png` (M)');
    expect(draft.body).toContain('from 4 bead commit(s) squashed into 0123456789ab on top of `main`');
    expect(draft.body).toContain('## Verification\nAll 12 tests passed.');
    expect(fallbackPullRequestDraft(input)).toEqual(draft);
    expect(PullRequestDraft.safeParse(draft).success).toBe(true);
  });

  it('never produces an invalid title, whatever the ticket holds', () => {
    const long = fallbackPullRequestDraft({
      externalId: 'AUTH-1',
      ticketTitle: 'x'.repeat(400),
      ticketDescription: '',
      integration,
    });
    expect(long.title.length).toBe(PR_TITLE_MAX);
    const empty = fallbackPullRequestDraft({
      externalId: 'AUTH-2',
      ticketTitle: '  ',
      ticketDescription: '',
      integration,
    });
    expect(empty.title).toBe('AUTH-2: changes');
    expect(PullRequestDraft.safeParse(long).success && PullRequestDraft.safeParse(empty).success).toBe(true);
  });
});
