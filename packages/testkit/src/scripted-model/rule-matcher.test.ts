import { describe, expect, it } from 'vitest';
import { type MatchInput, selectReply } from './rule-matcher.ts';
import { parseScenario, type Scenario } from './scenario.ts';

const input = (over: Partial<MatchInput> = {}): MatchInput => ({
  model: 'alpha',
  lastUser: 'please do the thing',
  allText: 'system prompt\nplease do the thing',
  isAfterToolResult: false,
  step: 0,
  toolResult: null,
  housekeeping: null,
  ...over,
});

const pick = (scenario: Scenario, over: Partial<MatchInput> = {}, uses = new Map<number, number>()) =>
  selectReply(parseScenario(scenario), input(over), uses);

describe('selectReply', () => {
  it.each([
    ['marker', { marker: 'the thing' }, {}, true],
    ['marker miss', { marker: 'other' }, {}, false],
    ['regex', { regex: 'do\\s+the' }, {}, true],
    ['phase tag', { phase: 'COUNCIL_DELIBERATING' }, { lastUser: 'x [[phase:COUNCIL_DELIBERATING]] y' }, true],
    ['phase needs the tag', { phase: 'COUNCIL_DELIBERATING' }, { lastUser: 'COUNCIL_DELIBERATING' }, false],
    ['model', { model: 'beta' }, { model: 'beta' }, true],
    ['model miss', { model: 'beta' }, {}, false],
    ['last user only by default', { marker: 'system prompt' }, {}, false],
    ['in: all searches every message', { marker: 'system prompt', in: 'all' as const }, {}, true],
    ['plain rule skips tool follow-ups', { marker: 'thing' }, { isAfterToolResult: true }, false],
    ['afterToolResult rule', { afterToolResult: true, marker: 'thing' }, { isAfterToolResult: true }, true],
    ['afterToolResult rule skips fresh prompts', { afterToolResult: true }, {}, false],
    ['all conditions must hold', { marker: 'thing', model: 'beta' }, {}, false],
    ['step 0 is the fresh prompt', { step: 0 }, {}, true],
    ['step 0 skips tool follow-ups', { step: 0 }, { isAfterToolResult: true, step: 1 }, false],
    ['step N implies afterToolResult', { step: 2 }, { isAfterToolResult: true, step: 2 }, true],
    ['step N skips other steps', { step: 2 }, { isAfterToolResult: true, step: 1 }, false],
    ['step N needs a tool result', { step: 1 }, { step: 1 }, false],
    [
      'toolResult substring',
      { toolResult: '# fail 0', step: 1 },
      { isAfterToolResult: true, step: 1, toolResult: 'ok\n# fail 0\n' },
      true,
    ],
    [
      'toolResult miss',
      { toolResult: '# fail 0', step: 1 },
      { isAfterToolResult: true, step: 1, toolResult: '# fail 1' },
      false,
    ],
    ['toolResult with no tool run', { toolResult: 'x', afterToolResult: false }, {}, false],
  ])('%s', (_name, match, over, matched) => {
    const selection = pick({ rules: [{ match, reply: { text: 'ruled' } }] }, over);
    expect(selection.source === 'rule').toBe(matched);
  });

  it('lets the first matching rule win and names unnamed rules by index', () => {
    const selection = pick({
      rules: [
        { match: { marker: 'nope' }, reply: { text: 'a' } },
        { match: { marker: 'thing' }, reply: { text: 'b' } },
        { name: 'later', match: { marker: 'do' }, reply: { text: 'c' } },
      ],
    });
    expect(selection).toMatchObject({ ruleIndex: 1, ruleName: 'rule 1', reply: { text: 'b' } });
  });

  it.each([
    ['times on the rule', { times: 2 }],
    ['times in match', { match: { times: 2 } }],
  ])('stops using a rule after its limit (%s)', (_name, limit) => {
    const scenario: Scenario = {
      rules: [{ reply: { text: 'limited' }, ...limit }, { reply: { text: 'fallback' } }],
    };
    expect(pick(scenario, {}, new Map([[0, 1]])).reply.text).toBe('limited');
    expect(pick(scenario, {}, new Map([[0, 2]])).reply.text).toBe('fallback');
  });

  it('treats once as times 1', () => {
    const scenario: Scenario = { rules: [{ once: true, reply: { text: 'once' } }, { reply: { text: 'after' } }] };
    expect(pick(scenario, {}, new Map([[0, 1]])).reply.text).toBe('after');
  });

  it('walks a reply sequence and repeats its last reply', () => {
    const scenario: Scenario = { rules: [{ reply: [{ text: 'first' }, { text: 'second' }] }] };
    expect([0, 1, 2, 5].map((used) => pick(scenario, {}, new Map([[0, used]])).reply.text)).toEqual([
      'first',
      'second',
      'second',
      'second',
    ]);
  });

  it('answers a tool result nobody scripted with "done", and anything else with the default', () => {
    const scenario: Scenario = { rules: [], default: { text: 'fallback' } };
    expect(pick(scenario, { isAfterToolResult: true })).toMatchObject({
      source: 'tool-result-default',
      reply: { text: 'done' },
    });
    expect(pick(scenario)).toMatchObject({ source: 'default', reply: { text: 'fallback' } });
    expect(pick({ rules: [] }).reply).toEqual({ text: 'OK' });
  });

  it('answers OpenCode housekeeping calls before any rule, so they never consume a scripted reply', () => {
    const scenario: Scenario = { rules: [{ match: { marker: 'thing' }, reply: { toolCalls: [{ name: 'bash' }] } }] };
    expect(pick(scenario, { housekeeping: 'title' })).toMatchObject({ source: 'title', ruleIndex: null });
    expect(pick(scenario, { housekeeping: 'summary' }).source).toBe('summary');
  });
});

describe('parseScenario', () => {
  it('reads YAML and fills defaults', () => {
    const scenario = parseScenario('rules:\n  - reply: { text: hi }\n');
    expect(scenario.rules[0]?.match).toEqual({});
  });

  it('rejects unknown keys and bad regexes with a readable message', () => {
    expect(() => parseScenario('rules:\n  - match: { markr: x }\n    reply: {}\n')).toThrow(/markr/);
    expect(() => parseScenario({ rules: [{ match: { regex: '(' }, reply: {} }] })).toThrow(/regular expression/);
  });
});
