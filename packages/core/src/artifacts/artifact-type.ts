import { z } from 'zod';

// workflow.md §14.2: every artifact type, named once. The spec leaves the exact council, coverage and integration
// strings open ("choose consistent names"): council steps are `<domain>_drafts|_votes|_refined`, coverage passes
// `<domain>_coverage`, accepted coverage revisions `<domain>_revision`, reports `<thing>_report`.

export const ArtifactType = z.enum([
  // Discovery
  'relevant_files',
  'relevant_files_attempts',
  // Interview
  'interview_drafts',
  'interview_votes',
  'interview_refined',
  'interview_session',
  'interview_coverage_input',
  'interview_coverage',
  'interview',
  // PRD
  'prd_full_answers',
  'prd_drafts',
  'prd_votes',
  'prd_refined',
  'prd_coverage',
  'prd_revision',
  'prd',
  // Beads
  'beads_drafts',
  'beads_votes',
  'beads_refined',
  'beads_blueprint',
  'beads_coverage',
  'beads_revision',
  'beads_expansion',
  'beads',
  // Gates
  'approval_receipt',
  // Execution
  'preflight_report',
  'execution_setup_plan',
  'execution_setup_plan_request',
  'execution_setup_plan_report',
  'execution_setup_plan_notes',
  'execution_setup_profile',
  'execution_setup_start',
  'execution_setup_report',
  'execution_setup_retry_notes',
  'execution_setup_manual_note',
  'final_test_start',
  'final_test_notes',
  'final_test_report',
  'final_test_file_effects_audit',
  'manual_qa_checklist',
  'manual_qa_coverage',
  'manual_qa_results',
  'manual_qa_summary',
  // Delivery
  'integration_report',
  'candidate_file_audit',
  'candidate_diff',
  'pull_request_report',
  'merge_report',
  'cleanup_report',
]);
export type ArtifactType = z.infer<typeof ArtifactType>;

/**
 * §14.2 types that carry a parameter after a colon: `bead_execution:{beadId}`, `user_edit_receipt:{domain}`,
 * `beads:{flow}` (a non-default flow's plan), `approval_snapshot:*`, `ui_artifact_companion:<base>`.
 */
export const ParametrisedArtifactKind = z.enum([
  'beads',
  'bead_execution',
  'bead_diff',
  'user_edit_receipt',
  'approval_snapshot',
  'ui_artifact_companion',
]);
export type ParametrisedArtifactKind = z.infer<typeof ParametrisedArtifactKind>;

/** Any artifact type the services read or write: a fixed one, or a parametrised one built by `artifactTypeOf`. */
export type ArtifactTypeName = ArtifactType | `${ParametrisedArtifactKind}:${string}`;

/** The one way to build a parametrised type, e.g. `artifactTypeOf('bead_execution', bead.id)`. */
export const artifactTypeOf = <K extends ParametrisedArtifactKind>(kind: K, param: string): `${K}:${string}` =>
  `${kind}:${param}`;

/** §14.2 `user_edit_receipt:{interview|prd|beads|execution_setup_plan}`. */
export type EditedDocument = 'interview' | 'prd' | 'beads' | 'execution_setup_plan';
export const userEditReceiptOf = (document: EditedDocument) => artifactTypeOf('user_edit_receipt', document);

/** Parse a type that crossed an edge (API filter, stored catalogue text); undefined when it names no known type. */
export function parseArtifactTypeName(value: string): ArtifactTypeName | undefined {
  const fixed = ArtifactType.safeParse(value);
  if (fixed.success) return fixed.data;
  const [kind, ...rest] = value.split(':');
  const param = rest.join(':');
  const parsed = ParametrisedArtifactKind.safeParse(kind);
  return parsed.success && param ? artifactTypeOf(parsed.data, param) : undefined;
}
