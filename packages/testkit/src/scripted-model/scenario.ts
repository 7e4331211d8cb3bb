import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// A scenario is the script the model server plays: rules tried in order (first match wins), then a default.
// Strict objects, so a typo in a YAML key fails loudly instead of silently matching everything.

const isValidRegex = (pattern: string) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

export const ToolCallReplySchema = z.strictObject({
  /** An OpenCode tool: `write`, `edit`, `bash`, `read`, `question`… OpenCode really runs it. */
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
});

export const ReplySchema = z.strictObject({
  text: z.string().optional(),
  toolCalls: z.array(ToolCallReplySchema).optional(),
  /** Sent verbatim as the response body (status 200), whatever the request asked for. */
  malformed: z.string().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  httpError: z.strictObject({ status: z.number().int().min(400).max(599), body: z.string().optional() }).optional(),
  /** Never answer, until the client aborts or the server closes. */
  hang: z.boolean().optional(),
  /** Exact token counts to report instead of the chars/4 estimate. */
  usage: z
    .strictObject({ promptTokens: z.number().int().nonnegative(), completionTokens: z.number().int().nonnegative() })
    .optional(),
});

export const MatchSchema = z.strictObject({
  /** Substring of the searched text. */
  marker: z.string().optional(),
  regex: z.string().refine(isValidRegex, 'not a valid regular expression').optional(),
  /** The `[[phase:STATUS]]` tag LoopTroop's prompts carry. */
  phase: z.string().optional(),
  /** Model id as the provider sees it (`alpha`, not `scripted/alpha`). */
  model: z.string().optional(),
  /** Match only the follow-up request sent after a tool ran (last message has role `tool`). */
  afterToolResult: z.boolean().optional(),
  /**
   * Match only this step of the agent's turn: 0 is the request right after the user's message, N the one after the
   * agent's Nth tool round. Lets one conversation edit, then test, then answer. A step above 0 implies
   * `afterToolResult` unless that is given.
   */
  step: z.number().int().nonnegative().optional(),
  /** Substring of the last tool message's content (what the tool really printed, e.g. `# fail 0`). */
  toolResult: z.string().optional(),
  /** Search the last user message (default) or every message, system prompt included. */
  in: z.enum(['last', 'all']).optional(),
  times: z.number().int().positive().optional(),
  once: z.boolean().optional(),
});

export const RuleSchema = z.strictObject({
  name: z.string().optional(),
  match: MatchSchema.default({}),
  /** One reply, or a sequence used in turn (the last one repeats). */
  reply: z.union([ReplySchema, z.array(ReplySchema).min(1)]),
  /** Use this rule at most N times, then let later rules match. */
  times: z.number().int().positive().optional(),
  once: z.boolean().optional(),
});

export const ScenarioSchema = z.strictObject({
  /** Model ids listed by `GET /v1/models`, besides those named in rules. */
  models: z.array(z.string()).optional(),
  rules: z.array(RuleSchema).default([]),
  default: ReplySchema.optional(),
});

/** What a scenario author writes (YAML or an object literal). */
export type Scenario = z.input<typeof ScenarioSchema>;
export type Rule = z.input<typeof RuleSchema>;
export type Reply = z.input<typeof ReplySchema>;
export type ToolCallReply = z.input<typeof ToolCallReplySchema>;
/** A validated scenario, defaults filled in. */
export type ParsedScenario = z.output<typeof ScenarioSchema>;
export type ParsedRule = z.output<typeof RuleSchema>;
export type ParsedReply = z.output<typeof ReplySchema>;

/** Parse a scenario from YAML text or an object; throws with every issue listed. */
export function parseScenario(source: string | Scenario): ParsedScenario {
  const raw: unknown = typeof source === 'string' ? parseYaml(source) : source;
  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) throw new Error(`invalid scenario:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export async function loadScenarioFile(path: string): Promise<ParsedScenario> {
  return parseScenario(await readFile(path, 'utf8'));
}

/** How many times a rule may fire: `times` or `once` on the rule or in its match; undefined = unlimited. */
export function ruleLimit(rule: ParsedRule): number | undefined {
  if (rule.times !== undefined) return rule.times;
  if (rule.match.times !== undefined) return rule.match.times;
  return rule.once || rule.match.once ? 1 : undefined;
}
