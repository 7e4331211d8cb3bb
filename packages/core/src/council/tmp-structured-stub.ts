// TEMPORARY stand-in for ../structured/index.ts while it is being written; deleted before hand-off.
import { parse } from 'yaml';
import type { StructuredResult, StructuredSpec } from '../structured/types.ts';

export type { StructuredSpec };

type ParseResult<T> = StructuredResult<T>;

export function parseStructured<T>(text: string, spec: StructuredSpec<T>): ParseResult<T> {
  if (!text.trim()) return { ok: false, error: 'empty', failureClass: 'empty', warnings: [] };
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return { ok: false, error: String(e), failureClass: 'unparseable', warnings: [] };
  }
  const r = spec.schema.safeParse(data);
  if (!r.success) return { ok: false, error: r.error.message, failureClass: 'invalid', warnings: [] };
  return { ok: true, value: r.data, warnings: [], candidate: 'raw', repaired: false };
}

export function correctionPrompt(failed: { error: string }, previousRaw: string, o: { formatReminder: string }) {
  return `Your previous answer was rejected: ${failed.error}\n\nPrevious answer:\n${previousRaw}\n\n${o.formatReminder}`;
}
