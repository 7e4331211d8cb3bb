import type { z } from 'zod';

/** `files[0].relevance` style path of a zod issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

/** The validation error the retry prompt and the diagnostics show: one line per issue, at most `limit`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], limit = 12): string {
  const lines = issues.slice(0, limit).map((issue) => {
    const where = issuePath(issue.path);
    return `- ${where || '(root)'}: ${issue.message}`;
  });
  if (issues.length > limit) lines.push(`- … and ${issues.length - limit} more`);
  return `The output does not match the expected schema:\n${lines.join('\n')}`;
}
