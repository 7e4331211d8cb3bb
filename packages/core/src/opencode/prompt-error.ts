/** Why a prompt did not produce an answer. `timeout` and `aborted` are ours; `runtime` came from OpenCode. */
export type PromptFailureKind = 'timeout' | 'aborted' | 'runtime';

export class PromptFailure extends Error {
  override readonly name = 'PromptFailure';
  constructor(
    readonly kind: PromptFailureKind,
    message: string,
    readonly sessionId: string | null,
  ) {
    super(message);
  }
}
