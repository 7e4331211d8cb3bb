/**
 * Bad requests generated from the OpenAPI document (issue 17 "No 500 on any input"): for every operation, wrong
 * types, missing fields, 1 MB strings, NUL bytes, huge numbers, extra fields, malformed JSON, deep nesting and wrong
 * content types. A case is `invalid` when no server may accept it (it must get a 4xx); the others (a 1 MB string
 * where the schema sets no limit, a huge number) may be accepted, but never with a 500.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  default?: unknown;
}

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  body: JsonSchema | null;
}

export interface FuzzCase {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  invalid: boolean;
}

const ONE_MB = 'x'.repeat(1024 * 1024);
const DEPTH = 5000;
const JSON_TYPE = { 'content-type': 'application/json' };

/** mulberry32: a tiny seeded generator, so every run sends the same requests. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** The smallest value the schema plausibly accepts. */
export function sample(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return sample(schema.anyOf[0]);
  switch (typeOf(schema)) {
    case 'string':
      return 'a';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {})]));
    default:
      return null;
  }
}

/** A value of some other JSON type than the schema's (picked by the seeded generator). */
function wrongValue(schema: JsonSchema, random: () => number): unknown {
  const type = typeOf(schema);
  const candidates: unknown[] = [12345, 'not-the-type', true, [1, 2], { nested: 1 }].filter((value) => {
    if (type === 'string') return typeof value !== 'string';
    if (type === 'integer' || type === 'number') return typeof value !== 'number';
    if (type === 'boolean') return typeof value !== 'boolean';
    if (type === 'array') return !Array.isArray(value);
    if (type === 'object') return typeof value !== 'object' || Array.isArray(value);
    return false;
  });
  return candidates[Math.floor(random() * candidates.length)];
}

const nested = (open: string, close: string) => `${open.repeat(DEPTH)}${close.repeat(DEPTH)}`;

function bodyCases(op: Operation, url: string, random: () => number): FuzzCase[] {
  const schema = op.body ?? { type: 'object', properties: {} };
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const props = Object.entries(schema.properties ?? {});
  const json = (name: string, value: unknown, invalid: boolean): FuzzCase => ({
    name,
    method: op.method,
    path: url,
    headers: JSON_TYPE,
    body: JSON.stringify(value),
    invalid,
  });
  const raw = (name: string, body: string, headers: Record<string, string> = JSON_TYPE): FuzzCase => ({
    name,
    method: op.method,
    path: url,
    headers,
    body,
    invalid: true,
  });
  const cases: FuzzCase[] = [
    raw('malformed: truncated', '{"a":'),
    raw('malformed: bare word', 'nul'),
    raw('malformed: trailing comma', '{"a":1,}'),
    raw('malformed: lone surrogate escape then garbage', '{"a":"\\ud800"'),
    raw('deep nesting: arrays', nested('[', ']')),
    raw('deep nesting: objects', `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`),
    raw('deep nesting: inside a field', `{"${props[0]?.[0] ?? 'a'}":${nested('[', ']')}}`),
    raw('content type: text/plain', JSON.stringify(base), { 'content-type': 'text/plain' }),
    raw('content type: form', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' }),
    raw('content type: multipart', '--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }),
    raw('content type: none', JSON.stringify(base), {}),
    raw('content type: lookalike', JSON.stringify(base), { 'content-type': 'application/jsonx' }),
    json('root: array', [base], op.body !== null),
    json('root: string', 'body', op.body !== null),
    json('root: number', 42, op.body !== null),
    json('root: 1 MB string', ONE_MB, op.body !== null),
  ];
  if (schema.additionalProperties === false) {
    cases.push(json('extra field', { ...base, unexpectedField: 1 }, true));
    cases.push(raw('extra field: __proto__', JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":1},')));
  }
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = base;
    cases.push(json(`missing: ${key}`, rest, true));
  }
  for (const [key, prop] of props) {
    const type = typeOf(prop);
    if (type && !prop.anyOf) cases.push(json(`wrong type: ${key}`, { ...base, [key]: wrongValue(prop, random) }, true));
    if (type === 'string') {
      cases.push(json(`NUL byte: ${key}`, { ...base, [key]: 'before\u0000after' }, true));
      cases.push(json(`1 MB string: ${key}`, { ...base, [key]: ONE_MB }, false));
    }
    if (type === 'integer' || type === 'number') {
      for (const huge of [1e308, -1e308, 2 ** 64])
        cases.push(json(`huge number ${huge}: ${key}`, { ...base, [key]: huge }, false));
      cases.push(
        raw(`huge number 1e999: ${key}`, JSON.stringify({ ...base, [key]: 0 }).replace(/:0([,}])/, ':1e999$1')),
      );
    }
  }
  return cases.map((c) => (c.name.startsWith('huge number 1e999') ? { ...c, invalid: false } : c));
}

/** Values no path or query parameter accepts; long ones stay under Node's 16 KB header limit. */
const BAD_PARAMS = ['x'.repeat(4000), 'a%00b', '..%2F..%2Fetc%2Fpasswd', '-1', '1e999', '%F0%9F', '9'.repeat(400), '%'];

export function casesFor(op: Operation, values: Record<string, string>, random: () => number): FuzzCase[] {
  const fill = (overrides: Record<string, string> = {}) =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => overrides[name] ?? encodeURIComponent(values[name] ?? 'nope'));
  const cases: FuzzCase[] = [];
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    for (const bad of BAD_PARAMS) {
      cases.push({
        name: `path ${param.name}=${bad.slice(0, 20)}`,
        method: op.method,
        path: fill({ [param.name]: bad }),
        headers: JSON_TYPE,
        ...(op.method !== 'GET' && op.method !== 'DELETE' && { body: '{}' }),
        invalid: true,
      });
    }
  }
  // The stream answers a valid query by staying open; only its required parameter is fuzzed.
  const queryParams = op.parameters.filter((p) => p.in === 'query' && (op.path !== '/api/stream' || p.required));
  for (const param of queryParams) {
    for (const bad of BAD_PARAMS) {
      const invalid = op.path === '/api/stream' || param.schema?.type === 'integer';
      cases.push({
        name: `query ${param.name}=${bad.slice(0, 20)}`,
        method: op.method,
        path: `${fill()}?${param.name}=${bad}`,
        headers: {},
        invalid,
      });
    }
  }
  if (op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH')
    cases.push(...bodyCases(op, fill(), random));
  return cases;
}
