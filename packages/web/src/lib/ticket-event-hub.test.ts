import { describe, expect, it } from 'vitest';
import type { StreamMessage } from './stream.ts';
import { createTicketEventHub } from './ticket-event-hub.ts';

const progress = (id: number): StreamMessage => ({
  id,
  type: 'progress',
  data: { ticketId: 'A-1', timestamp: '2026-11-29T12:00:00.000Z', phase: 'CODING', current: id, total: 9 },
});

describe('createTicketEventHub', () => {
  it('hands every event to its listeners until they unsubscribe', () => {
    const hub = createTicketEventHub();
    const seen: (number | null)[] = [];
    const off = hub.subscribe((m) => seen.push(m.id));
    hub.publish(progress(1));
    off();
    hub.publish(progress(2));
    expect(seen).toEqual([1]);
  });

  it('keeps the latest events for panels that mount later', () => {
    const hub = createTicketEventHub(2);
    for (const id of [1, 2, 3]) hub.publish(progress(id));
    expect(hub.recent().map((m) => m.id)).toEqual([2, 3]);
  });
});
