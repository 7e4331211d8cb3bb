import { GROUP_LABELS, STATUS_CATALOG, STATUS_GROUPS } from '../lifecycle/statuses.ts';
import type { WorkflowMeta } from './schema.ts';

export function workflowMeta(): WorkflowMeta {
  return {
    groups: STATUS_GROUPS.map((id) => ({
      id,
      label: GROUP_LABELS[id],
      statuses: STATUS_CATALOG.filter((s) => s.group === id).map((s) => s.status),
    })),
    phases: [...STATUS_CATALOG],
  };
}
