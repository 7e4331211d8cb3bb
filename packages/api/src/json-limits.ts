/** Issue 17: a body nested deeper than this is refused (5,000 levels overflowed the stack re-serialising it). */
export const MAX_JSON_DEPTH = 100;

/**
 * True when the JSON text nests arrays/objects deeper than `max`. A linear scan of the text (brackets inside
 * strings do not count), so it is safe on input that would overflow a recursive walk.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * The path of the first string (value or key) that holds a NUL character, or null. Issue 17: SQLite text stops at
 * NUL, so `before\u0000after` was stored as `before`; text is refused rather than silently cut. Iterative, since
 * the depth is only capped after this runs on already-parsed input.
 */
export function nulPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [current, path] = item;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || '(body)';
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
