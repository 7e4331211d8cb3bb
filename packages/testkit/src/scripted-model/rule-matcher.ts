import type { HousekeepingKind } from './chat-request.ts';
import { type ParsedReply, type ParsedRule, type ParsedScenario, ruleLimit } from './scenario.ts';

/** What the matcher needs to know about one request. */
export interface MatchInput {
  model: string;
  lastUser: string;
  allText: string;
  isAfterToolResult: boolean;
  /** Assistant messages since the last user message: the agent's step within its turn. */
  step: number;
  /** The last tool message's content, null when no tool ran. */
  toolResult: string | null;
  housekeeping: HousekeepingKind | null;
}

export type ReplySource = 'rule' | 'default' | 'tool-result-default' | HousekeepingKind;

export interface Selection {
  source: ReplySource;
  /** Index of the matched rule in `scenario.rules`, or null when no rule matched. */
  ruleIndex: number | null;
  /** The rule's name, `rule N` for an unnamed one, or null. */
  ruleName: string | null;
  reply: ParsedReply;
}

export const TOOL_RESULT_DEFAULT: ParsedReply = { text: 'done' };
const HOUSEKEEPING_REPLIES: Record<HousekeepingKind, ParsedReply> = {
  title: { text: 'Scripted session' },
  summary: { text: 'Summary: a scripted conversation.' },
};

export function ruleMatches(rule: ParsedRule, input: MatchInput): boolean {
  const match = rule.match;
  // A rule answers tool follow-ups only when it says so; otherwise a tool-calling rule would fire forever.
  const afterToolResult = match.afterToolResult ?? (match.step !== undefined && match.step > 0);
  if (afterToolResult !== input.isAfterToolResult) return false;
  if (match.step !== undefined && match.step !== input.step) return false;
  if (match.toolResult !== undefined && !(input.toolResult ?? '').includes(match.toolResult)) return false;
  if (match.model !== undefined && match.model !== input.model) return false;
  const haystack = match.in === 'all' ? input.allText : input.lastUser;
  if (match.marker !== undefined && !haystack.includes(match.marker)) return false;
  if (match.phase !== undefined && !haystack.includes(`[[phase:${match.phase}]]`)) return false;
  if (match.regex !== undefined && !new RegExp(match.regex).test(haystack)) return false;
  return true;
}

/**
 * Pick the reply for one request. Pure: `uses` holds how often each rule (by index) has fired so far; the caller
 * records the returned rule's use. Housekeeping calls (titles, summaries) never reach the rules.
 */
export function selectReply(scenario: ParsedScenario, input: MatchInput, uses: ReadonlyMap<number, number>): Selection {
  if (input.housekeeping) {
    return {
      source: input.housekeeping,
      ruleIndex: null,
      ruleName: null,
      reply: HOUSEKEEPING_REPLIES[input.housekeeping],
    };
  }
  for (const [index, rule] of scenario.rules.entries()) {
    const used = uses.get(index) ?? 0;
    const limit = ruleLimit(rule);
    if (limit !== undefined && used >= limit) continue;
    if (!ruleMatches(rule, input)) continue;
    const replies = Array.isArray(rule.reply) ? rule.reply : [rule.reply];
    const reply = replies[Math.min(used, replies.length - 1)] ?? {};
    return { source: 'rule', ruleIndex: index, ruleName: rule.name ?? `rule ${index}`, reply };
  }
  if (input.isAfterToolResult)
    return { source: 'tool-result-default', ruleIndex: null, ruleName: null, reply: TOOL_RESULT_DEFAULT };
  return { source: 'default', ruleIndex: null, ruleName: null, reply: scenario.default ?? { text: 'OK' } };
}
