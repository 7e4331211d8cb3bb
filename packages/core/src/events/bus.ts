import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { type StreamEvent, type TicketEventPayload, TicketEventPayloads, type TicketEventType } from './schema.ts';
import { type DbWriter, deleteEventsOf, insertEvent, selectEventsAfter } from './store.ts';

export type EventListener = (event: StreamEvent) => void;

type PayloadInput<T extends TicketEventType> = Omit<TicketEventPayload<T>, 'timestamp'> & { timestamp?: string };

/**
 * Publish/subscribe for ticket events with durable replay. Persisted events get their id from the
 * `stream_events` table, so a client can resume after Last-Event-ID even across a restart.
 * Ephemeral events (streaming model text) reach live subscribers only and carry no id.
 */
export class EventBus {
  readonly #listeners = new Set<{ ticketRef: string | null; listener: EventListener }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Persist an event through `writer` (the db or an open transaction) without notifying; call `notify` after commit. */
  async record<T extends TicketEventType>(writer: DbWriter, type: T, data: PayloadInput<T>): Promise<StreamEvent> {
    const full = this.#validate(type, data);
    const id = await insertEvent(writer, full.ticketId, type, full, full.timestamp);
    return { id, type, data: full } as StreamEvent; // payload parsed against TicketEventPayloads[type] above
  }

  async publish<T extends TicketEventType>(type: T, data: PayloadInput<T>): Promise<StreamEvent> {
    const event = await this.record(this.db, type, data);
    this.notify(event);
    return event;
  }

  publishEphemeral<T extends TicketEventType>(type: T, data: PayloadInput<T>): StreamEvent {
    const event = { id: null, type, data: this.#validate(type, data) } as StreamEvent; // parsed by #validate
    this.notify(event);
    return event;
  }

  /** Events are checked against their schema when published, so a wrong payload fails at the source. */
  #validate<T extends TicketEventType>(type: T, data: PayloadInput<T>) {
    return TicketEventPayloads[type].parse({ ...data, timestamp: data.timestamp ?? this.clock.isoNow() });
  }

  notify(event: StreamEvent): void {
    for (const { ticketRef, listener } of this.#listeners) {
      if (ticketRef === null || ticketRef === event.data.ticketId) listener(event);
    }
  }

  /** Listen to one ticket's events (or all with `null`). Returns the unsubscribe function. */
  subscribe(ticketRef: string | null, listener: EventListener): () => void {
    const entry = { ticketRef, listener };
    this.#listeners.add(entry);
    return () => this.#listeners.delete(entry);
  }

  /** Persisted events after `afterId`, of one ticket or (with `null`) of all tickets. */
  replay(ticketRef: string | null, afterId: number, limit = 5_000): Promise<StreamEvent[]> {
    return selectEventsAfter(this.db, ticketRef, afterId, limit);
  }

  forgetTicket(ticketRef: string): Promise<void> {
    return deleteEventsOf(this.db, ticketRef);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
