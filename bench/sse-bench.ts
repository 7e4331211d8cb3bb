// SSE figures (issue 15 §3): 100 clients on one ticket; the delay from a transition to each client's receipt,
// measured from the state_change event's own timestamp (taken as the transaction begins, so the commit is
// included: an upper bound of commit → receipt), the fan-out after the first client's receipt, and server memory.
import { type ClientRequest, get, type IncomingMessage } from 'node:http';
import { fmt, progress, type Row } from './report.ts';
import { rssMb, type ServerProcess } from './server-process.ts';
import { summarize } from './stats.ts';

export const DEV_EVENT_TOKEN = 'bench-dev-event-token';
/** The server env this section needs: dev events on (the transitions), and room for 100 clients on one ticket. */
export const SSE_SERVER_ENV = {
  LOOPTROOP_DEV_EVENTS: '1',
  LOOPTROOP_DEV_EVENT_TOKEN: DEV_EVENT_TOKEN,
  LOOPTROOP_SSE_MAX_CLIENTS_PER_TICKET: '200',
  LOOPTROOP_SSE_MAX_CLIENTS_TOTAL: '300',
};

interface Client {
  request: ClientRequest;
  connected: Promise<void>;
  /** Receipt time (epoch ms, sub-ms) minus the event's timestamp, per state_change received, in order. */
  delays: number[];
  /** Receipt times (epoch ms), in order. */
  receipts: number[];
  received: number;
}

const nowEpochMs = () => performance.timeOrigin + performance.now();

function openClient(url: string, onStateChange: () => void): Client {
  let markConnected: () => void = () => undefined;
  let refuse: (error: Error) => void = () => undefined;
  const client: Client = {
    request: get(url),
    connected: new Promise((resolve, reject) => {
      markConnected = resolve;
      refuse = reject;
    }),
    delays: [],
    receipts: [],
    received: 0,
  };
  client.request.on('response', (res: IncomingMessage) => {
    if (res.statusCode !== 200) refuse(new Error(`GET ${url}: ${res.statusCode} (stream caps: see SSE_SERVER_ENV)`));
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const at = nowEpochMs();
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event === 'connected') markConnected();
        if (event !== 'state_change' || !data) continue;
        const { timestamp } = JSON.parse(data) as { timestamp: string }; // our own event shape
        client.delays.push(at - Date.parse(timestamp));
        client.receipts.push(at);
        client.received += 1;
        onStateChange();
      }
    });
  });
  client.request.on('error', () => undefined); // destroyed at the end on purpose
  return client;
}

export async function benchSse(options: {
  server: ServerProcess;
  ref: string;
  clients: number;
  transitions: number;
}): Promise<Row[]> {
  const { server, ref } = options;
  progress(`SSE: ${options.clients} clients on ${ref}`);
  const memoryBefore = rssMb(server.child.pid);
  let waiting: { count: number; resolve: () => void } | null = null;
  let deliveries = 0;
  const onStateChange = () => {
    deliveries += 1;
    if (waiting && deliveries >= waiting.count) waiting.resolve();
  };
  const clients = Array.from({ length: options.clients }, () =>
    openClient(`${server.url}/api/stream?ticketId=${ref}`, onStateChange),
  );
  await Promise.all(clients.map((c) => c.connected));
  const memoryConnected = rssMb(server.child.pid);
  // DRAFT → BLOCKED_ERROR → DRAFT …: two statuses no phase handler runs in, so only the bench moves the ticket.
  const events = [{ type: 'INIT_FAILED' }, { type: 'RETRY', context: { previousStatus: 'DRAFT' } }];
  const started = performance.now();
  for (let i = 0; i < options.transitions; i += 1) {
    const all = new Promise<void>((resolve) => {
      waiting = { count: (i + 1) * options.clients, resolve };
    });
    const response = await fetch(`${server.url}/api/tickets/${ref}/dev-event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-looptroop-dev-event-token': DEV_EVENT_TOKEN },
      body: JSON.stringify(events[i % 2]),
    });
    if (!response.ok) throw new Error(`dev-event: ${response.status} ${await response.text()}`);
    await all;
  }
  const elapsedMs = performance.now() - started;
  const memoryDuring = rssMb(server.child.pid);
  for (const client of clients) client.request.destroy();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const memoryAfter = rssMb(server.child.pid);
  const delay = summarize(clients.flatMap((c) => c.delays));
  // The fan-out alone: each receipt after the first client's receipt of the same event.
  const spread = summarize(
    clients.flatMap((c) =>
      c.receipts.map(
        (at, k) => at - Math.min(...clients.map((other) => other.receipts[k] ?? Number.POSITIVE_INFINITY)),
      ),
    ),
  );
  const missing = clients.filter((c) => c.received !== options.transitions).length;
  return [
    {
      section: 'sse',
      measure: `state_change delay, ${options.clients} clients × ${options.transitions} transitions`,
      result:
        `p50 ${fmt(delay.p50)} ms · p99 ${fmt(delay.p99)} ms · max ${fmt(delay.max)} ms ` +
        `(fan-out after the first client: p50 ${fmt(spread.p50)} · p99 ${fmt(spread.p99)} ms)` +
        (missing ? ` · ${missing} clients missed events` : ''),
      target: 'p99 < 50 ms',
      met: delay.p99 < 50 && missing === 0,
      data: {
        ...delay,
        fanOut: spread,
        clients: options.clients,
        transitions: options.transitions,
        missing,
        elapsedMs,
        measuredFrom: 'the state_change timestamp, taken as the transition transaction begins (commit included)',
      },
    },
    {
      section: 'sse',
      measure: `server RSS: before → ${options.clients} connected → after the events → closed`,
      result: `${memoryBefore} → ${memoryConnected} → ${memoryDuring} → ${memoryAfter} MB`,
      data: { memoryBefore, memoryConnected, memoryDuring, memoryAfter },
    },
  ];
}
