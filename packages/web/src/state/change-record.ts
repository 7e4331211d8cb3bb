// workflow.md §5.6: a refinement change is `{type, item_type, before, after, inspiration}`; bead revisions use
// `{type, id, title, summary}` (§9.2). Models fill them loosely, so the reader accepts either and skips the rest.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

/** `{id, label}` / `{id, title}` / a plain string → "US-2-2 Idle sessions". */
function itemName(value: unknown): string {
  if (!isRecord(value)) return text(value);
  return [text(value.id), text(value.label) || text(value.title)].filter(Boolean).join(' ');
}

/** One refinement change as a line for the council record, e.g. "added user_story: US-2-2 Idle sessions". */
export function describeChange(change: unknown): string {
  if (!isRecord(change)) return text(change);
  const kind = [text(change.type), text(change.item_type)].filter(Boolean).join(' ');
  const item = itemName(change.after) || itemName(change.before) || itemName(change);
  const summary = text(change.summary);
  const head = [kind, item].filter(Boolean).join(': ');
  return [head, summary].filter(Boolean).join(' — ') || JSON.stringify(change);
}
