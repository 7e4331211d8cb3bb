// The worktree's `git status`, read for pre-flight (§10.2) and the post-setup audit (§10.5 step 5).

export interface WorktreeStatus {
  /** Tracked paths with staged or unstaged changes (renames give the new path). */
  changed: string[];
  /** Untracked, not ignored paths (a whole new folder is one `dir/` entry). */
  untracked: string[];
}

/** Parse `git status --porcelain=v1 -z --untracked-files=normal`. */
export function parsePorcelain(output: string): WorktreeStatus {
  const changed: string[] = [];
  const untracked: string[] = [];
  const fields = output.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry.length < 4) continue;
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    if (code === '??') untracked.push(path);
    else if (code !== '!!') changed.push(path);
    // a rename or copy is followed by its source path
    if (code[0] === 'R' || code[0] === 'C') i++;
  }
  return { changed, untracked };
}

export interface UntrackedNoise {
  path: string;
  /** The `.gitignore` line we suggest (never written automatically, §10.5 step 5). */
  suggestion: string;
}

/** Generated or local noise: [pattern on a path segment or the file name, suggested ignore line]. */
const NOISE: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /(^|\/)(node_modules|dist|build|coverage|out|target|__pycache__|\.cache|\.venv|venv|\.next|\.turbo|\.idea|\.vscode|tmp|\.pytest_cache|\.mypy_cache|\.gradle)\//,
    (m) => `${m[2]}/`,
  ],
  [/(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/, (m) => m[2] ?? ''],
  [/\.(log|tmp|swp|swo|pyc|orig|bak)$/, (m) => `*.${m[1]}`],
  [/(^|\/)(\.env\.local|\.env\.[\w-]+\.local)$/, (m) => m[2] ?? ''],
];

/** Split untracked paths into generated/local noise (warn) and real files (they would be committed: fail). */
export function classifyUntracked(paths: readonly string[]): { noise: UntrackedNoise[]; other: string[] } {
  const noise: UntrackedNoise[] = [];
  const other: string[] = [];
  for (const path of paths) {
    const hit = NOISE.map(([re, line]) => {
      const m = path.match(re);
      return m ? line(m) : null;
    }).find((line) => line);
    if (hit) noise.push({ path, suggestion: hit });
    else other.push(path);
  }
  return { noise, other };
}
