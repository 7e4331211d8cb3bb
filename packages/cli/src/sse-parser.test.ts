import { describe, expect, it } from 'vitest';
import { createSseParser, type SseFrame } from './sse-parser.ts';

function parse(chunks: string[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const parser = createSseParser((frame) => frames.push(frame));
  for (const chunk of chunks) parser.push(chunk);
  return frames;
}

const stream = 'event: connected\ndata: {"a":1}\n\nid: 7\nevent: state_change\ndata: {"to":"CANCELED"}\n\n';
const expected: SseFrame[] = [
  { id: null, event: 'connected', data: '{"a":1}' },
  { id: '7', event: 'state_change', data: '{"to":"CANCELED"}' },
];

describe('createSseParser', () => {
  it.each([
    ['one chunk', [stream]],
    ['one character at a time', [...stream]],
    ['chunks split inside field names and line ends', [stream.slice(0, 3), stream.slice(3, 22), stream.slice(22)]],
    ['\\r\\n line ends split between the \\r and the \\n', stream.replaceAll('\n', '\r\n').split(/(?<=\r)/)],
    // A final bare \r is held until the next byte shows it is not half of \r\n.
    ['bare \\r line ends', [stream.replaceAll('\n', '\r'), ': next']],
  ])('yields each complete frame once, with its id, from %s', (_, chunks) => {
    expect(parse(chunks)).toEqual(expected);
  });

  it('joins multi-line data, reads `field:value` without a space, and skips comments and data-less frames', () => {
    expect(parse([': keep-alive\n\nevent:log\ndata:one\ndata: two\n\nevent: empty\n\n'])).toEqual([
      { id: null, event: 'log', data: 'one\ntwo' },
    ]);
  });

  it('holds a frame back until its blank line arrives', () => {
    expect(parse(['id: 1\nevent: log\ndata: {}\n'])).toEqual([]);
  });
});
