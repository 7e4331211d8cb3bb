import type { StreamEvent } from '@looptroop/core';
import { describe, expect, it } from 'vitest';
import { formatEvent, toTicketEvent } from './event-line.ts';

const timestamp = '2026-04-23T09:00:05.000Z';

describe('toTicketEvent', () => {
  it('turns a persisted frame into a typed event with a numeric id', () => {
    const data = { ticketId: 'AUTH-12', from: 'DRAFT', to: 'CANCELED', previousStatus: null, timestamp };
    expect(toTicketEvent({ id: '42', event: 'state_change', data: JSON.stringify(data) })).toEqual({
      id: 42,
      type: 'state_change',
      data,
    });
  });

  it.each(['connected', 'heartbeat', 'something_new'])('ignores %s frames', (event) => {
    expect(toTicketEvent({ id: null, event, data: '{}' })).toBeNull();
  });
});

describe('formatEvent', () => {
  const base = { ticketId: 'AUTH-12', timestamp };
  const lines: [StreamEvent, string][] = [
    [
      { id: 1, type: 'state_change', data: { ...base, from: 'DRAFT', to: 'CANCELED', previousStatus: null } },
      '09:00:05 [STATE] DRAFT → CANCELED',
    ],
    [
      { id: 2, type: 'error', data: { ...base, phase: null, message: 'No models', codes: ['MODEL_MISSING'] } },
      '09:00:05 [ERROR] No models (MODEL_MISSING)',
    ],
    [{ id: 3, type: 'needs_input', data: { ...base, type: 'interview_batch' } }, '09:00:05 [INPUT] interview_batch'],
    [
      {
        id: 5,
        type: 'progress',
        data: { ...base, phase: 'CODING', current: 2, total: 3, message: 'Bead two started' },
      },
      '09:00:05 [BEADS] bead 2/3 · Bead two started',
    ],
    [
      { id: 6, type: 'bead_complete', data: { ...base, beadId: 'two', title: 'Subtract', completed: 2, total: 3 } },
      '09:00:05 [BEAD] ✓ two Subtract (2/3 done)',
    ],
    [
      { id: 7, type: 'progress', data: { ...base, phase: 'CANCELED', current: 1, total: 2 } },
      '09:00:05 [PROGRESS] CANCELED 1/2',
    ],
  ];
  it.each(lines)('prints %o as one line', (event, line) => {
    expect(formatEvent(event)).toBe(line);
  });

  it('leaves out streaming log fragments and prints finished log lines with their kind', () => {
    const log: Extract<StreamEvent, { type: 'log' }>['data'] = {
      ...base,
      type: 'info',
      phase: 'DRAFT',
      message: 'Scanning',
      source: 'system',
      kind: 'milestone',
      op: 'append',
    };
    expect(formatEvent({ id: null, type: 'log', data: { ...log, streaming: true } })).toBeNull();
    expect(formatEvent({ id: 4, type: 'log', data: log })).toBe('09:00:05 [MILESTONE] Scanning');
  });
});
