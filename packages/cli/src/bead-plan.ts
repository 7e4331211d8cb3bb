import type { RouterOutputs } from '@looptroop/core';

type BeadsView = RouterOutputs['beads']['get'];
type Bead = BeadsView['beads'][number];

const list = (items: string[]) => (items.length ? items.join(', ') : '(none)');

function describeBead(bead: Bead, position: string): string[] {
  const pad = ' '.repeat(position.length + 2);
  const tests = bead.testCommands.length
    ? bead.testCommands.join(', ')
    : `no command — ${bead.testCommandReason || '(no reason given)'}`;
  return [
    `${position}. ${bead.id}  ${bead.title}${bead.status === 'pending' ? '' : `  [${bead.status}]`}`,
    `${pad}blocked by  ${list(bead.dependencies.blocked_by)}`,
    ...(bead.dependencies.blocks.length ? [`${pad}blocks      ${list(bead.dependencies.blocks)}`] : []),
    `${pad}files       ${list(bead.targetFiles)}`,
    `${pad}commands    ${tests}`,
  ];
}

/** `beads show`: the plan in execution order (workflow.md §9.4: priority is the position), then what is wrong with it. */
export function describeBeadPlan(view: BeadsView): string {
  const width = String(view.beads.length).length;
  const editable = view.editable ? 'editable until approved' : 'read-only';
  return [
    `Bead plan of ${view.ticketId} — flow ${view.flow}, ${view.beads.length} beads in execution order, ${editable}`,
    '',
    ...view.beads.flatMap((bead, i) => describeBead(bead, String(i + 1).padStart(width))),
    '',
    ...(view.issues.length
      ? [`Issues    ⚠ ${view.issues.length} found`, ...view.issues.map((issue) => `  ⚠ ${issue.message}`)]
      : ['Issues    none']),
    `Content   sha256 ${view.contentSha256 ?? '(none)'}`,
    ...(view.editable ? [`Next      looptroop beads approve ${view.ticketId}`] : []),
  ].join('\n');
}
