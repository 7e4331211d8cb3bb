import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../lib/stream.ts';
import { appendLogLine, toLogLine } from './log-lines.ts';

const timestamp = '2026-04-23T09:00:07.000Z';
const logEvent = (entryId: string | undefined, message: string): StreamMessage => ({
  id: 9,
  type: 'log',
  data: {
    ticketId: 'A-1',
    timestamp,
    type: 'info',
    phase: 'CODING',
    message,
    source: 'model',
    kind: 'assistant',
    op: 'upsert',
    entryId,
  },
});

describe('toLogLine', () => {
  it.each<[string, StreamMessage, { tag: string; text: string } | null]>([
    [
      'a state change shows from → to',
      {
        id: 3,
        type: 'state_change',
        data: { ticketId: 'A-1', timestamp, from: 'DRAFT', to: 'CANCELED', previousStatus: 'DRAFT' },
      },
      { tag: 'STATE', text: 'DRAFT → CANCELED' },
    ],
    [
      'a first state change has no from',
      {
        id: 3,
        type: 'state_change',
        data: { ticketId: 'A-1', timestamp, from: null, to: 'DRAFT', previousStatus: null },
      },
      { tag: 'STATE', text: '∅ → DRAFT' },
    ],
    ['a log line is tagged with its kind', logEvent('e1', 'thinking'), { tag: 'ASSISTANT', text: 'thinking' }],
    [
      'an error shows its message',
      { id: 4, type: 'error', data: { ticketId: 'A-1', timestamp, phase: null, message: 'boom', codes: ['X'] } },
      { tag: 'ERROR', text: 'boom' },
    ],
    [
      'progress is not a log line',
      { id: 5, type: 'progress', data: { ticketId: 'A-1', timestamp, phase: 'CODING', current: 1, total: 2 } },
      null,
    ],
  ])('%s', (_name, message, expected) => {
    const line = toLogLine(message);
    if (expected === null) return expect(line).toBeNull();
    expect(line).toMatchObject({ ...expected, time: '09:00:07' });
  });
});

describe('appendLogLine', () => {
  it('replaces a streaming entry instead of repeating it', () => {
    const first = toLogLine(logEvent('e1', 'Hel'));
    const second = toLogLine(logEvent('e1', 'Hello'));
    if (!first || !second) throw new Error('log events map to lines');
    const lines = appendLogLine(appendLogLine([], first), second);
    expect(lines.map((l) => l.text)).toEqual(['Hello']);
  });

  it('keeps only the newest 300 lines', () => {
    let lines: ReturnType<typeof appendLogLine> = [];
    for (let i = 0; i < 310; i += 1)
      lines = appendLogLine(lines, { key: String(i), time: '', tag: 'LOG', text: String(i) });
    expect(lines).toHaveLength(300);
    expect(lines[0]?.text).toBe('10');
  });
});
