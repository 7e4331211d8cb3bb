import { z } from 'zod';
import type { StructuredSpec } from '../structured/index.ts';

// workflow.md §10.6 step 5 and §12.3 "Bead completion": the `<BEAD_STATUS>` marker, with every normalization the
// spec lists (check value aliases, status aliases, check key aliases). Parsed through the structured pipeline.

export const BEAD_STATUS_TAG = 'BEAD_STATUS';

/** Values compare lowercased without non-alphanumerics, so `Not Run`, `not_run` and `notrun` are the same. */
const token = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
    : v;

const CHECK_VALUES: Record<string, 'pass' | 'fail'> = {
  pass: 'pass',
  passed: 'pass',
  ok: 'pass',
  success: 'pass',
  complete: 'pass',
  true: 'pass',
  '1': 'pass',
  fail: 'fail',
  failed: 'fail',
  error: 'fail',
  timeout: 'fail',
  notrun: 'fail',
  skipped: 'fail',
  pending: 'fail',
  false: 'fail',
  '0': 'fail',
};

const STATUS_VALUES: Record<string, 'done' | 'error'> = {
  done: 'done',
  completed: 'done',
  complete: 'done',
  success: 'done',
  succeeded: 'done',
  error: 'error',
  failed: 'error',
  fail: 'error',
};

const alias =
  <T extends string>(table: Record<string, T>) =>
  (v: unknown) => {
    const key = token(v);
    return typeof key === 'string' ? (table[key] ?? v) : v;
  };

export const CheckValue = z.preprocess(alias(CHECK_VALUES), z.enum(['pass', 'fail']));
export const MarkerStatus = z.preprocess(alias(STATUS_VALUES), z.enum(['done', 'error']));

export const BeadStatusMarker = z.object({
  bead_id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1)),
  status: MarkerStatus,
  checks: z.object({ tests: CheckValue, lint: CheckValue, typecheck: CheckValue, qualitative: CheckValue }),
  reason: z.string().optional(),
});
export type BeadStatusMarker = z.output<typeof BeadStatusMarker>;

/** §12.3: check key aliases (keys already compare case- and separator-insensitively, so `typeCheck` = `type_check`). */
const CHECK_KEY_ALIASES = {
  test: 'tests',
  linter: 'lint',
  linting: 'lint',
  type_check: 'typecheck',
  typescript: 'typecheck',
  types: 'typecheck',
  quality: 'qualitative',
  review: 'qualitative',
};

/** The marker spec for one bead: a marker that names another bead is invalid (and earns a repair reminder). */
export function beadStatusSpec(beadId: string): StructuredSpec<BeadStatusMarker> & { formatReminder: string } {
  return {
    schema: BeadStatusMarker.superRefine((marker, ctx) => {
      if (marker.bead_id !== beadId)
        ctx.addIssue({
          code: 'custom',
          path: ['bead_id'],
          message: `the marker names bead "${marker.bead_id}" but this session works on "${beadId}"`,
        });
    }),
    tag: BEAD_STATUS_TAG,
    rootKeys: ['bead_id', 'status', 'checks'],
    wrappers: ['bead_status'],
    aliases: { ...CHECK_KEY_ALIASES, beadid: 'bead_id', id: 'bead_id' },
    formatReminder: `Exactly one <BEAD_STATUS>{"bead_id":"${beadId}","status":"done"|"error","checks":{"tests":"pass"|"fail","lint":"pass"|"fail","typecheck":"pass"|"fail","qualitative":"pass"|"fail"},"reason":"…"}</BEAD_STATUS> block.`,
  };
}

/** §10.6 step 5: candidate success = status done and all four checks pass. */
export const isPassing = (marker: BeadStatusMarker): boolean =>
  marker.status === 'done' && Object.values(marker.checks).every((v) => v === 'pass');

/** The checks a marker did not pass, for the keep-working reminder. */
export const failingChecks = (marker: BeadStatusMarker): string[] =>
  Object.entries(marker.checks)
    .filter(([, v]) => v !== 'pass')
    .map(([k]) => k);
