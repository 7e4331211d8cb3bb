import { z } from 'zod';

type Schema = z.core.$ZodType;

/** workflow.md §12.2 step 6: keys compare lowercased with non-alphanumerics removed. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Peels the wrappers that do not change a value's shape; a pipe is read from its input side. */
export function unwrapSchema(schema: Schema, depth = 0): Schema {
  if (depth > 32) return schema;
  if (
    schema instanceof z.core.$ZodOptional ||
    schema instanceof z.core.$ZodNullable ||
    schema instanceof z.core.$ZodDefault ||
    schema instanceof z.core.$ZodPrefault ||
    schema instanceof z.core.$ZodCatch ||
    schema instanceof z.core.$ZodReadonly ||
    schema instanceof z.core.$ZodNonOptional
  ) {
    return unwrapSchema(schema._zod.def.innerType, depth + 1);
  }
  if (schema instanceof z.core.$ZodLazy) return unwrapSchema(schema._zod.innerType, depth + 1);
  if (schema instanceof z.core.$ZodPipe) return unwrapSchema(schema._zod.def.in, depth + 1);
  return schema;
}

/** The fields of an object schema; unions and intersections of objects contribute every option's fields. */
export function objectShape(schema: Schema): Record<string, Schema> | undefined {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.core.$ZodObject) return inner._zod.def.shape;
  const parts =
    inner instanceof z.core.$ZodUnion
      ? inner._zod.def.options
      : inner instanceof z.core.$ZodIntersection
        ? [inner._zod.def.left, inner._zod.def.right]
        : [];
  const shapes = parts.map(objectShape).filter((s) => s !== undefined);
  if (shapes.length === 0) return undefined;
  const merged: Record<string, Schema> = {};
  for (const shape of shapes) {
    for (const [key, field] of Object.entries(shape)) merged[key] ??= field;
  }
  return merged;
}

/** The element schema of an array (or of the array option of a union). */
export function arrayElement(schema: Schema): Schema | undefined {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.core.$ZodArray) return inner._zod.def.element;
  if (inner instanceof z.core.$ZodUnion) {
    for (const option of inner._zod.def.options) {
      const element = arrayElement(option);
      if (element) return element;
    }
  }
  return undefined;
}

/** The value schema of a record, whose keys are data and never aliased. */
export function recordValue(schema: Schema): Schema | undefined {
  const inner = unwrapSchema(schema);
  return inner instanceof z.core.$ZodRecord ? inner._zod.def.valueType : undefined;
}

/** What the text repairs may know about the expected document; every key is normalized. */
export interface SchemaIndex {
  /** Every object key anywhere in the schema, plus the spec's root keys. */
  keys: Set<string>;
  /** Keys whose value is a list. */
  listKeys: Set<string>;
  /** Object-valued key → its own fields. */
  children: Map<string, Set<string>>;
  /** Key → the other fields of the object it belongs to. */
  siblings: Map<string, Set<string>>;
}

export function indexSchema(schema: Schema, rootKeys: readonly string[] = []): SchemaIndex {
  const index: SchemaIndex = {
    keys: new Set(rootKeys.map(normalizeKey)),
    listKeys: new Set(),
    children: new Map(),
    siblings: new Map(),
  };
  const seen = new Set<Schema>();
  const addAll = (map: Map<string, Set<string>>, key: string, values: Iterable<string>) => {
    const set = map.get(key) ?? new Set<string>();
    for (const value of values) set.add(value);
    map.set(key, set);
  };
  const visit = (node: Schema) => {
    const inner = unwrapSchema(node);
    if (seen.has(inner)) return;
    seen.add(inner);
    const shape = objectShape(inner);
    if (shape) {
      const fields = Object.keys(shape).map(normalizeKey);
      for (const [key, field] of Object.entries(shape)) {
        const name = normalizeKey(key);
        index.keys.add(name);
        addAll(
          index.siblings,
          name,
          fields.filter((f) => f !== name),
        );
        if (arrayElement(field)) index.listKeys.add(name);
        const own = objectShape(field);
        if (own) addAll(index.children, name, Object.keys(own).map(normalizeKey));
        visit(field);
      }
      return;
    }
    const element = arrayElement(inner) ?? recordValue(inner);
    if (element) visit(element);
  };
  visit(schema);
  return index;
}
