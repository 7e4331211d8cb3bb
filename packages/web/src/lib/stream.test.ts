import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStream, parseFrame, storedLastEventId } from './stream.ts';

/** A stand-in for the browser's EventSource that the test drives by hand. */
class FakeEventSource {
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data: unknown, lastEventId = '') {
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data), lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
    // As in a browser: `onerror` is the handler of every event named "error", a server-sent one included.
    if (type === 'error') this.onerror?.(event);
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.(new Event('error'));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

const timestamp = '2026-04-23T09:00:00.000Z';
const stateChange = { ticketId: 'A-1', timestamp, from: 'DRAFT', to: 'CANCELED', previousStatus: 'DRAFT' };
const latest = () => {
  const source = FakeEventSource.opened.at(-1);
  if (!source) throw new Error('no EventSource was opened');
  return source;
};

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('openStream', () => {
  it('remembers the last event id per ticket and resumes after it when the browser gives up', () => {
    const onEvent = vi.fn();
    const onResync = vi.fn();
    const handle = openStream({ ticketId: 'A-1' }, { onEvent, onResync }, 0);
    expect(latest().url).toBe('/api/stream?ticketId=A-1&lastEventId=0');
    latest().emit('connected', { ticketId: 'A-1', clientId: 'c', timestamp });
    latest().emit('state_change', stateChange, '41');
    expect(onEvent).toHaveBeenCalledWith({ id: 41, type: 'state_change', data: stateChange });
    expect(storedLastEventId('A-1')).toBe(41);
    expect(onResync).not.toHaveBeenCalled();

    latest().fail();
    vi.advanceTimersByTime(2_000);
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(latest().url).toBe('/api/stream?ticketId=A-1&lastEventId=41');
    latest().emit('connected', { ticketId: 'A-1', clientId: 'd', timestamp });
    expect(onResync).toHaveBeenCalledOnce();
    handle.close();
  });

  it("treats a ticket's error event as an event, not as a lost connection", () => {
    const onEvent = vi.fn();
    const onStatus = vi.fn();
    openStream({ ticketId: 'A-1' }, { onEvent, onResync: vi.fn(), onStatus }, 0);
    latest().emit('connected', { ticketId: 'A-1', clientId: 'c', timestamp });
    latest().emit('error', { ticketId: 'A-1', timestamp, status: 'BLOCKED_ERROR', message: 'boom' }, '9');
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ id: 9, type: 'error' }));
    expect(onStatus.mock.calls.at(-1)).toEqual(['connected']);
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });

  it('resumes after the stored id on a reload, and refetches because replay is only an optimization', () => {
    localStorage.setItem('looptroop:lastEventId:A-1', '7');
    const onResync = vi.fn();
    openStream({ ticketId: 'A-1' }, { onEvent: vi.fn(), onResync });
    expect(latest().url).toBe('/api/stream?ticketId=A-1&lastEventId=7');
    latest().emit('connected', { ticketId: 'A-1', clientId: 'c', timestamp });
    expect(onResync).toHaveBeenCalledOnce();
  });

  it('opens the board stream without replay, refetches once subscribed, and stops retrying once closed', () => {
    const onResync = vi.fn();
    const handle = openStream({ all: true }, { onEvent: vi.fn(), onResync }, 'live');
    expect(latest().url).toBe('/api/stream?all=true');
    latest().emit('connected', { ticketId: '*', clientId: 'c', timestamp });
    expect(onResync).toHaveBeenCalledOnce(); // what changed before the subscription is refetched
    latest().fail();
    handle.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});

describe('parseFrame', () => {
  it.each([
    ['a ticket event with an id', '{"ticketId":"A-1","timestamp":"t"}', '5', 5],
    ['an ephemeral event', '{"ticketId":"A-1","timestamp":"t"}', '', null],
  ])('reads %s', (_name, raw, lastEventId, id) => {
    expect(parseFrame('log', lastEventId, raw)?.id).toBe(id);
  });

  it.each([
    ['broken JSON', '{'],
    ['a payload without ticketId', '{"timestamp":"t"}'],
    ['a non-object', '42'],
  ])('drops %s', (_name, raw) => {
    expect(parseFrame('log', '1', raw)).toBeNull();
  });
});
