import { parseDocument } from 'yaml';

export type DocumentParse = { ok: true; value: unknown } | { ok: false; error: string };

/** One YAML document (JSON included, as YAML 1.2 reads it); the first error's headline when it does not parse. */
export function parseYamlDocument(text: string): DocumentParse {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const [first] = document.errors;
  if (first) return { ok: false, error: first.message.split('\n')[0] ?? first.code };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    // toJS throws on alias bombs and the like; foreign text must never escape as an exception.
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
