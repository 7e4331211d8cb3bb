// RUNNING_FINAL_TEST (workflow.md §10.7): the phase handler and the "retry with note" for a blocked final test.

export { recordFinalTestRetryNote } from './final-test-notes.ts';
export { finalTestPhase } from './final-test-phase.ts';
