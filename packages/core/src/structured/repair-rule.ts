import type { z } from 'zod';
import { indexSchema, normalizeKey, type SchemaIndex } from './schema-shape.ts';
import type { RepairWarning } from './types.ts';

export interface RepairContext {
  schema: SchemaIndex;
  /** Normalized list key → its primary key, e.g. `files → path`. */
  listPrimaryKeys: ReadonlyMap<string, string>;
}

export function createRepairContext(spec: {
  schema: z.core.$ZodType;
  rootKeys: readonly string[];
  listPrimaryKeys?: Readonly<Record<string, string>>;
}): RepairContext {
  const primaryKeys = Object.entries(spec.listPrimaryKeys ?? {}).map(
    ([list, key]) => [normalizeKey(list), key] as const,
  );
  return { schema: indexSchema(spec.schema, spec.rootKeys), listPrimaryKeys: new Map(primaryKeys) };
}

/** One idempotent text repair of workflow.md §12.2 step 4. It never invents content, it only restructures it. */
export interface RepairRule {
  rule: string;
  category: RepairWarning['category'];
  apply: (text: string, context: RepairContext) => string;
}

/** Wraps a YAML value in single quotes, the one style whose only escape is a doubled `'`. */
export function quoteSingle(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A before → after example of the first changed line, for the intervention details (§12.4). */
export function describeChange(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const first = a.findIndex((line, i) => line !== b[i]);
  const at = first === -1 ? a.length : first;
  const clip = (line: string | undefined) => JSON.stringify((line ?? '').slice(0, 80));
  return `line ${at + 1}: ${clip(a[at])} → ${clip(b[at])}`;
}

/** Applies one group of rules in order; each rule that changed the text leaves one warning. */
export function applyRepairGroup(
  text: string,
  group: readonly RepairRule[],
  context: RepairContext,
): { text: string; warnings: RepairWarning[] } {
  const warnings: RepairWarning[] = [];
  let current = text;
  for (const repair of group) {
    const next = repair.apply(current, context);
    if (next === current) continue;
    warnings.push({
      category: repair.category,
      stage: 'parse',
      rule: repair.rule,
      detail: describeChange(current, next),
    });
    current = next;
  }
  return { text: current, warnings };
}
