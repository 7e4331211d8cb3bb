// workflow.md §12.2 step 2: chat-transcript role prefixes some models copy into their answer.
const PREFIX = /^[ \t]*\[(?:assistant[^\]\n]*|user|system|sys|tool|model|error)\](?::[ \t]?|[ \t])?/gim;

/** Removes role prefixes like `[assistant]` or `[assistant (claude)]:` from the start of lines. */
export function stripTranscriptPrefixes(text: string): string {
  return text.replace(PREFIX, '');
}
