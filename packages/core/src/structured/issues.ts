import type { z } from 'zod';

/** `files[0].relevance` style path of a zod issue. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

/**
 * A union's "Invalid input" says nothing; report the issues of the option that came closest instead (an option that
 * failed on the value's very type — a string where an object was given — is never the closest).
 */
export function expandUnionIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
    const options = issue.errors.filter((o) => !(o.length === 1 && o[0]?.code === 'invalid_type' && !o[0].path.length));
    const best = options.reduce<z.core.$ZodIssue[] | undefined>(
      (min, o) => (min === undefined || o.length < min.length ? o : min),
      undefined,
    );
    if (!best) return [issue];
    return expandUnionIssues(best).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
  });
}

/** The validation error the retry prompt and the diagnostics show: one line per issue, at most `limit`. */
export function describeIssues(all: readonly z.core.$ZodIssue[], limit = 12): string {
  const issues = expandUnionIssues(all);
  const lines = issues.slice(0, limit).map((issue) => {
    const where = issuePath(issue.path);
    return `- ${where || '(root)'}: ${issue.message}`;
  });
  if (issues.length > limit) lines.push(`- … and ${issues.length - limit} more`);
  return `The output does not match the expected schema:\n${lines.join('\n')}`;
}
