import type { DiffFile, DiffStats } from './schema.ts';

// Stats read back from unified diff text: the `bead_diff:{beadId}` artifact stores only the text (CONTRACTS 3), so the
// file list and line counts a viewer shows are parsed here rather than asked of git a second time.

/** `a/x` or `"a/x y"` (git quotes unusual paths with C escapes) → `x`. */
function unquote(raw: string): string {
  const text = raw.trim();
  if (!text.startsWith('"')) return text;
  return text
    .slice(1, -1)
    .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))
    .replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}

const stripPrefix = (path: string) => path.replace(/^[ab]\//, '');

/** `diff --git a/x b/x`: both sides, when they can be split unambiguously (equal halves or quoted). */
function headerPaths(line: string): { from: string; to: string } | null {
  const rest = line.slice('diff --git '.length);
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (quoted?.[1] && quoted[2]) return { from: stripPrefix(unquote(quoted[1])), to: stripPrefix(unquote(quoted[2])) };
  const half = (rest.length - 1) / 2;
  const from = rest.slice(0, half);
  const to = rest.slice(half + 1);
  return stripPrefix(from) === stripPrefix(to) ? { from: stripPrefix(from), to: stripPrefix(to) } : null;
}

/** Parse unified (git) diff text into per-file additions and deletions plus totals. */
export function diffStats(text: string): DiffStats {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let inHunk = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      const paths = headerPaths(line);
      file = {
        path: paths?.to ?? '',
        oldPath: null,
        status: 'M',
        additions: 0,
        deletions: 0,
        binary: false,
      };
      if (paths && paths.from !== paths.to) file.oldPath = paths.from;
      files.push(file);
      inHunk = false;
      continue;
    }
    if (!file) continue;
    if (inHunk) {
      if (line.startsWith('+')) file.additions = (file.additions ?? 0) + 1;
      else if (line.startsWith('-')) file.deletions = (file.deletions ?? 0) + 1;
      else if (line.startsWith('@@')) inHunk = true;
      continue;
    }
    if (line.startsWith('@@')) inHunk = true;
    else if (line.startsWith('new file mode')) file.status = 'A';
    else if (line.startsWith('deleted file mode')) file.status = 'D';
    else if (line.startsWith('rename from ')) {
      file.status = 'R';
      file.oldPath = unquote(line.slice('rename from '.length));
    } else if (line.startsWith('rename to ')) file.path = unquote(line.slice('rename to '.length));
    else if (line.startsWith('copy from ')) {
      file.status = 'C';
      file.oldPath = unquote(line.slice('copy from '.length));
    } else if (line.startsWith('copy to ')) file.path = unquote(line.slice('copy to '.length));
    else if (line.startsWith('+++ ') && !line.endsWith('/dev/null')) file.path = stripPrefix(unquote(line.slice(4)));
    else if (line.startsWith('--- ') && !line.endsWith('/dev/null') && !file.path) {
      file.path = stripPrefix(unquote(line.slice(4)));
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      file.binary = true;
      file.additions = null;
      file.deletions = null;
    }
  }
  for (const f of files) if (f.status === 'M' && f.oldPath) f.status = 'R';
  return {
    files,
    additions: files.reduce((n, f) => n + (f.additions ?? 0), 0),
    deletions: files.reduce((n, f) => n + (f.deletions ?? 0), 0),
  };
}
