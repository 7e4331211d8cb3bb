export { correctionPrompt } from './correction-prompt.ts';
export { DEFAULT_WRAPPERS } from './normalize.ts';
export { parseStructured } from './parse.ts';
export { stripTerminalNoise } from './terminal-noise.ts';
export type {
  CandidateKind,
  FailureClass,
  RepairWarning,
  StructuredFailure,
  StructuredResult,
  StructuredSpec,
  StructuredSuccess,
} from './types.ts';
