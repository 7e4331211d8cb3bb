import { describe, expect, it } from 'vitest';
import { stripTerminalNoise } from './terminal-noise.ts';
import { stripTranscriptPrefixes } from './transcript.ts';

const lines = (...rows: string[]) => rows.join('\n');

describe('stripTerminalNoise', () => {
  it.each([
    ['ANSI colours', '\u001b[32ma: 1\u001b[0m', 'a: 1', ['strip-terminal-noise']],
    ['bracketed paste markers', '\u001b[200~a: 1\u001b[201~', 'a: 1', ['strip-terminal-noise']],
    ['bare paste markers', '[200~a: 1[201~', 'a: 1', ['strip-terminal-noise']],
    ['control characters and a BOM', '\ufeffa: 1\u0007\u0000', 'a: 1', ['strip-terminal-noise']],
    ['CRLF line ends are not noise', 'a: 1\r\nb: 2', 'a: 1\nb: 2', []],
    ['an orphan closing fence', lines('a: 1', '```', ''), 'a: 1', ['strip-orphan-fence']],
    ['a closing fence with its opening stays', lines('```yaml', 'a: 1', '```'), lines('```yaml', 'a: 1', '```'), []],
    ['tabs and newlines stay', 'a:\tb\n', 'a:\tb\n', []],
  ])('%s', (_name, input, expected, rules) => {
    const result = stripTerminalNoise(input);
    expect(result.text).toBe(expected);
    expect(result.warnings.map((w) => w.rule)).toEqual(rules);
  });
});

describe('stripTranscriptPrefixes', () => {
  it.each([
    ['assistant with indentation kept', '[assistant]   - a', '  - a'],
    ['assistant with a model name', '[assistant (gpt-5)]: files:', 'files:'],
    [
      'every role',
      lines('[user] q', '[system] s', '[sys] s', '[tool] t', '[model] m', '[error] e'),
      lines('q', 's', 's', 't', 'm', 'e'),
    ],
    ['a bracket that is not a role stays', '[note] x', '[note] x'],
    ['a role inside a line stays', 'a: [user]', 'a: [user]'],
  ])('%s', (_name, input, expected) => {
    expect(stripTranscriptPrefixes(input)).toBe(expected);
  });
});
