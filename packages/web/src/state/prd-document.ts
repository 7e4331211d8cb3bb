import { parse } from 'yaml';

// The structured reading of `.ticket/prd.yaml` (workflow.md §8.2). Core validates and canonicalizes the document on
// every save (prd/schema.ts `PrdDocument`), but its schema is not part of the web's type-only API surface (the file
// routes serve the raw YAML), so this reader is tolerant: a missing list reads as empty, never as a crash.

export interface PrdStoryView {
  id: string;
  title: string;
  acceptanceCriteria: string[];
  implementationSteps: string[];
  requiredCommands: string[];
}

export interface PrdEpicView {
  id: string;
  title: string;
  objective: string;
  implementationSteps: string[];
  stories: PrdStoryView[];
}

export interface PrdView {
  problemStatement: string;
  targetUsers: string[];
  inScope: string[];
  outOfScope: string[];
  /** `technical_requirements`, each non-empty list under its key, in document order. */
  technicalRequirements: { key: string; items: string[] }[];
  epics: PrdEpicView[];
  risks: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(text).filter(Boolean) : []);
const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function readStory(story: Record<string, unknown>): PrdStoryView {
  return {
    id: text(story.id),
    title: text(story.title),
    acceptanceCriteria: texts(story.acceptance_criteria),
    implementationSteps: texts(story.implementation_steps),
    requiredCommands: texts(record(story.verification).required_commands),
  };
}

/** A PRD document (already parsed) → what the structured view shows. */
export function readPrd(document: unknown): PrdView {
  const doc = record(document);
  const product = record(doc.product);
  const scope = record(doc.scope);
  return {
    problemStatement: text(product.problem_statement),
    targetUsers: texts(product.target_users),
    inScope: texts(scope.in_scope),
    outOfScope: texts(scope.out_of_scope),
    technicalRequirements: Object.entries(record(doc.technical_requirements))
      .map(([key, items]) => ({ key, items: texts(items) }))
      .filter((group) => group.items.length > 0),
    epics: records(doc.epics).map((epic) => ({
      id: text(epic.id),
      title: text(epic.title),
      objective: text(epic.objective),
      implementationSteps: texts(epic.implementation_steps),
      stories: records(epic.user_stories).map(readStory),
    })),
    risks: texts(doc.risks),
  };
}

/** The raw YAML → the structured view, or why it cannot be shown (the raw editor still can). */
export function parsePrd(raw: string): { prd: PrdView; error: null } | { prd: null; error: string } {
  try {
    const document: unknown = parse(raw);
    if (!isRecord(document)) return { prd: null, error: 'The PRD is not a YAML mapping' };
    return { prd: readPrd(document), error: null };
  } catch (error) {
    return { prd: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** `architecture_constraints` → "Architecture constraints". */
export function sectionLabel(key: string): string {
  const words = key.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
