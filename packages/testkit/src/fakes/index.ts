// `@looptroop/testkit/fakes`: in-process fakes of core's ports, for fast unit tests only. A separate entry from the
// package's main one, which the demo loads: these import core, the scripted model and fixtures do not.
export { fakeRuntime } from './agent-runtime.ts';
export { beadRecord } from './bead-record.ts';
export { type CodingTicket, seedCodingTicket } from './coding-seed.ts';
export {
  type FakeClock,
  fakeArtifacts,
  fakeClock,
  fakeOpencode,
  type Reply,
  type ReplyStep,
  TICKET,
} from './council.ts';
export { reviewTicketRow, ticketRow } from './ticket-row.ts';
