import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../lib/stream.ts';
import { applyStateChange, groupByColumn, staleKeys } from './ticket-events.ts';

const catalog = [
  { status: 'DRAFT', label: 'Backlog', kanbanPhase: 'todo' },
  { status: 'SCANNING_RELEVANT_FILES', label: 'Scanning Relevant Files', kanbanPhase: 'in_progress' },
  { status: 'CANCELED', label: 'Canceled', kanbanPhase: 'done' },
];
const timestamp = '2026-04-23T09:00:00.000Z';
const ticket = (id: string, workflowRevision = 0) => ({
  id,
  status: 'DRAFT',
  previousStatus: null,
  statusLabel: 'Backlog',
  kanbanPhase: 'todo',
  workflowRevision,
});
const change = (ticketId: string, to: string, workflowRevision?: number): StreamMessage => ({
  id: 5,
  type: 'state_change',
  data: { ticketId, timestamp, from: 'DRAFT', to, previousStatus: 'DRAFT', workflowRevision },
});
const log: StreamMessage = {
  id: 6,
  type: 'log',
  data: {
    ticketId: 'A-1',
    timestamp,
    type: 'info',
    phase: 'DRAFT',
    message: 'hi',
    source: 'system',
    kind: 'milestone',
    op: 'append',
  },
};

describe('applyStateChange', () => {
  it.each([
    [
      'moves the ticket to the column of its new status',
      change('A-1', 'CANCELED', 1),
      'CANCELED',
      'done',
      'Canceled',
      1,
    ],
    [
      'labels it from the catalogue',
      change('A-1', 'SCANNING_RELEVANT_FILES', 1),
      'SCANNING_RELEVANT_FILES',
      'in_progress',
      'Scanning Relevant Files',
      1,
    ],
    ['ignores a revision the list already has', change('A-1', 'CANCELED', 0), 'DRAFT', 'todo', 'Backlog', 0],
    ['counts one revision up when the event has none', change('A-1', 'CANCELED'), 'CANCELED', 'done', 'Canceled', 1],
    ['leaves an unknown status to the refetch', change('A-1', 'NOT_A_STATUS', 1), 'DRAFT', 'todo', 'Backlog', 0],
    ['ignores events that are not state changes', log, 'DRAFT', 'todo', 'Backlog', 0],
  ])('%s', (_name, message, status, kanbanPhase, statusLabel, workflowRevision) => {
    const [moved] = applyStateChange([ticket('A-1')], message, catalog);
    expect(moved).toMatchObject({ status, kanbanPhase, statusLabel, workflowRevision });
  });

  it('touches only the ticket the event names', () => {
    const list = [ticket('A-1'), ticket('A-2')];
    const next = applyStateChange(list, change('A-2', 'CANCELED', 1), catalog);
    expect(next[0]).toBe(list[0]);
    expect(next[1]?.previousStatus).toBe('DRAFT');
  });
});

describe('staleKeys', () => {
  it.each<[string, StreamMessage, string[]]>([
    [
      'a state change refetches the ticket, the list and the approval views',
      change('A-1', 'CANCELED', 1),
      ['ticket', 'tickets', 'review', 'beads'],
    ],
    [
      'a question refetches the interview',
      { id: 1, type: 'needs_input', data: { ticketId: 'A-1', timestamp, type: 'interview_batch' } },
      ['interview', 'opencode-questions'],
    ],
    [
      'a saved PRD refetches the approval views',
      {
        id: 2,
        type: 'artifact_change',
        data: {
          ticketId: 'A-1',
          timestamp,
          phase: 'WAITING_PRD_APPROVAL',
          artifactType: 'prd',
          artifact: {
            id: 9,
            ticketId: 'A-1',
            phase: 'WAITING_PRD_APPROVAL',
            phaseAttempt: 1,
            artifactType: 'prd',
            filePath: '.ticket/prd.yaml',
            content: 'epics: []',
            contentSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
            createdAt: timestamp,
            updatedAt: timestamp,
          },
        },
      },
      ['review', 'beads', 'artifacts'],
    ],
    ['a log line refetches nothing', log, []],
  ])('%s', (_name, message, expected) => {
    const keys = staleKeys(message);
    for (const key of expected) expect(keys).toContain(key);
    if (expected.length === 0) expect(keys).toEqual([]);
  });
});

describe('groupByColumn', () => {
  it('returns the four Kanban columns in board order', () => {
    const groups = groupByColumn([{ ...ticket('A-1'), kanbanPhase: 'done' }, ticket('A-2')]);
    expect(groups.map((g) => [g.column, g.tickets.map((t) => t.id)])).toEqual([
      ['todo', ['A-2']],
      ['needs_input', []],
      ['in_progress', []],
      ['done', ['A-1']],
    ]);
  });
});
