import type { z } from 'zod';
import { arrayElement, normalizeKey, objectShape, recordValue } from './schema-shape.ts';
import type { RepairWarning } from './types.ts';

/** workflow.md §12.2 step 5: wrappers every artifact may arrive in. */
export const DEFAULT_WRAPPERS = ['output', 'result', 'data', 'document', 'artifact'] as const;

type Schema = z.core.$ZodType;

export interface NormalizeOptions {
  wrappers?: readonly string[];
  aliases?: Readonly<Record<string, string>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Steps 5 and 6: unwrap single wrapper keys (chains too), then rename keys to the schema's spelling. Keys compare
 * lowercased without non-alphanumerics; `aliases` adds per-field synonyms. A key the schema does not know, or one whose
 * canonical name is already present, is left as it is.
 */
export function normalizeValue(
  value: unknown,
  schema: Schema,
  options: NormalizeOptions = {},
): { value: unknown; warnings: RepairWarning[] } {
  const warnings: RepairWarning[] = [];
  const unwrapped = unwrap(value, schema, options.wrappers ?? [], warnings);
  const aliases = new Map(Object.entries(options.aliases ?? {}).map(([from, to]) => [normalizeKey(from), to]));
  return { value: renameKeys(unwrapped, schema, aliases, warnings, ''), warnings };
}

function unwrap(value: unknown, schema: Schema, extra: readonly string[], warnings: RepairWarning[]): unknown {
  const wrappers = new Set([...DEFAULT_WRAPPERS, ...extra].map(normalizeKey));
  const expected = new Set(Object.keys(objectShape(schema) ?? {}).map(normalizeKey));
  let current = value;
  for (let depth = 0; depth < 8 && isRecord(current); depth++) {
    const keys = Object.keys(current);
    const [key] = keys;
    if (keys.length !== 1 || key === undefined) break;
    const name = normalizeKey(key);
    const inner = current[key];
    if (!wrappers.has(name) || expected.has(name) || typeof inner !== 'object' || inner === null) break;
    warnings.push({ category: 'cleanup', stage: 'normalize', rule: 'unwrap-wrapper', detail: key });
    current = inner;
  }
  return current;
}

function renameKeys(
  value: unknown,
  schema: Schema,
  aliases: ReadonlyMap<string, string>,
  warnings: RepairWarning[],
  path: string,
): unknown {
  if (Array.isArray(value)) {
    const element = arrayElement(schema);
    return element ? value.map((item, i) => renameKeys(item, element, aliases, warnings, `${path}[${i}]`)) : value;
  }
  if (!isRecord(value)) return value;
  const shape = objectShape(schema);
  if (!shape) {
    const inner = recordValue(schema);
    if (!inner) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        renameKeys(v, inner, aliases, warnings, `${path}${path ? '.' : ''}${k}`),
      ]),
    );
  }
  const canonical = new Map(Object.keys(shape).map((k) => [normalizeKey(k), k]));
  const resolve = (key: string): string | undefined => {
    if (Object.hasOwn(shape, key)) return key;
    const synonym = aliases.get(normalizeKey(key));
    return (
      canonical.get(normalizeKey(key)) ?? (synonym === undefined ? undefined : canonical.get(normalizeKey(synonym)))
    );
  };
  const taken = new Set(Object.keys(value).filter((k) => Object.hasOwn(shape, k)));
  const entries: [string, unknown][] = [];
  for (const [key, child] of Object.entries(value)) {
    const target = resolve(key);
    const field = target === undefined ? undefined : shape[target];
    const isRename = target !== undefined && target !== key && !taken.has(target);
    const name = isRename ? target : key;
    if (isRename) {
      taken.add(target);
      warnings.push({
        category: 'parser_fix',
        stage: 'normalize',
        rule: 'key-alias',
        detail: `${path}${path ? '.' : ''}${key} → ${target}`,
      });
    }
    const childSchema = name === target ? field : undefined;
    entries.push([
      name,
      childSchema ? renameKeys(child, childSchema, aliases, warnings, `${path}${path ? '.' : ''}${name}`) : child,
    ]);
  }
  return Object.fromEntries(entries);
}
