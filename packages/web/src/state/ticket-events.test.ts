import { describe, expect, it } from 'vitest';
import { applyStateChange, groupByColumn, staleKeys } from './ticket-events.ts';

const columns = {
  CANCELED: { label: 'Canceled', kanbanPhase: 'done' },
  SCANNING_RELEVANT_FILES: { label: 'Scanning Relevant Files', kanbanPhase: 'in_progress' },
};
const ticket = (id: string, revision = 0) => ({
  id,
  status: 'DRAFT',
  previousStatus: null,
  statusLabel: 'Backlog',
  kanbanPhase: 'todo',
  workflowRevision: revision,
});
const change = (ticketId: string, to: string, workflowRevision?: number) => ({
  id: 5,
  type: 'state_change',
  data: {
    ticketId,
    from: 'DRAFT',
    to,
    previousStatus: 'DRAFT',
    ...(workflowRevision !== undefined && { workflowRevision }),
  },
});

describe('applyStateChange', () => {
  it.each([
    ['moves the named ticket to its new column', change('A-1', 'CANCELED', 1), 'done', 'Canceled'],
    [
      'uses the status catalog for the label',
      change('A-1', 'SCANNING_RELEVANT_FILES', 1),
      'in_progress',
      'Scanning Relevant Files',
    ],
    ['ignores a stale revision', change('A-1', 'CANCELED', 0), 'todo', 'Backlog'],
  ])('%s', (_name, message, kanban, label) => {
    const [moved] = applyStateChange([ticket('A-1')], message, columns);
    expect(moved?.kanbanPhase).toBe(kanban);
    expect(moved?.statusLabel).toBe(label);
  });

  it('leaves other tickets and other events alone', () => {
    const list = [ticket('A-1'), ticket('A-2')];
    expect(applyStateChange(list, change('A-2', 'CANCELED', 1), columns)[0]).toEqual(list[0]);
    expect(applyStateChange(list, { id: 6, type: 'log', data: { ticketId: 'A-1' } }, columns)).toEqual(list);
  });
});

describe('staleKeys and groupByColumn', () => {
  it('invalidates what each event can change', () => {
    expect(staleKeys({ id: 1, type: 'needs_input', data: {} })).toContain('interview');
    expect(staleKeys({ id: null, type: 'log', data: {} })).toEqual([]);
  });

  it('groups tickets into the four Kanban columns in order', () => {
    const groups = groupByColumn([{ ...ticket('A-1'), kanbanPhase: 'done' }, ticket('A-2')]);
    expect(groups.map((g) => [g.column, g.tickets.map((t) => t.id)])).toEqual([
      ['todo', ['A-2']],
      ['needs_input', []],
      ['in_progress', []],
      ['done', ['A-1']],
    ]);
  });
});
