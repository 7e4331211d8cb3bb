import { describe, expect, it } from 'vitest';
import { DISABLED_TOOLS, READ_ONLY_TOOLS } from './tools.ts';

/** OpenCode's rule: each entry becomes a permission rule; the last rule whose name matches the tool (with `*`) wins. */
function isEnabled(tools: Readonly<Record<string, boolean>>, tool: string): boolean {
  const matching = Object.entries(tools).filter(([name]) => name === '*' || name === tool);
  return matching.at(-1)?.[1] ?? true;
}

describe('tool policies', () => {
  it.each([
    ['read', true],
    ['grep', true],
    ['glob', true],
    ['list', true],
    ['question', true],
    ['edit', false],
    ['write', false],
    ['bash', false],
    ['webfetch', false],
    ['some_mcp_tool', false],
  ])('read_only leaves %s %s', (tool, enabled) => {
    expect(isEnabled(READ_ONLY_TOOLS, tool)).toBe(enabled);
  });

  it.each(['read', 'bash', 'question', 'webfetch'])('disabled turns off %s', (tool) => {
    expect(isEnabled(DISABLED_TOOLS, tool)).toBe(false);
  });
});
