import type { ParsedReply } from './scenario.ts';

/** Values a reply may quote as `{{name}}`; unknown names are left as written. */
export interface TemplateValues {
  lastUser: string;
  model: string;
  /** The last tool message's content, empty when no tool ran. */
  toolResult: string;
  /** 1-based number of this request on the server. */
  requestNumber: string;
}

function fill(text: string, values: TemplateValues): string {
  const table: Record<string, string> = { ...values };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(table, name) ? (table[name] ?? whole) : whole,
  );
}

function fillDeep(value: unknown, values: TemplateValues): unknown {
  if (typeof value === 'string') return fill(value, values);
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, values)]));
  }
  return value;
}

/** Fill `{{…}}` placeholders in the reply text and in every string of its tool-call arguments. */
export function renderReply(reply: ParsedReply, values: TemplateValues): ParsedReply {
  return {
    ...reply,
    ...(reply.text !== undefined && { text: fill(reply.text, values) }),
    ...(reply.toolCalls && {
      toolCalls: reply.toolCalls.map((call) => ({
        name: call.name,
        arguments: Object.fromEntries(Object.entries(call.arguments).map(([k, v]) => [k, fillDeep(v, values)])),
      })),
    }),
  };
}
