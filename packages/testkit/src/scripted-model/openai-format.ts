// The OpenAI chat-completions wire format, as @ai-sdk/openai-compatible (inside OpenCode) parses it.

export interface ScriptedToolCall {
  id: string;
  name: string;
  /** JSON text, as OpenAI sends it. */
  arguments: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface Completion {
  id: string;
  created: number;
  model: string;
  text: string | null;
  toolCalls: ScriptedToolCall[];
  usage: Usage;
}

const finishReason = (c: Completion) => (c.toolCalls.length > 0 ? 'tool_calls' : 'stop');

export function completionBody(c: Completion) {
  return {
    id: c.id,
    object: 'chat.completion',
    created: c.created,
    model: c.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: c.text,
          ...(c.toolCalls.length > 0 && {
            tool_calls: c.toolCalls.map((t) => ({
              id: t.id,
              type: 'function',
              function: { name: t.name, arguments: t.arguments },
            })),
          }),
        },
        logprobs: null,
        finish_reason: finishReason(c),
      },
    ],
    usage: c.usage,
  };
}

const TEXT_CHUNK_CHARS = 64;

/**
 * The SSE frames of a streamed completion: role, text deltas, each tool call (id and name first, then its
 * arguments), the finish reason, the usage chunk (only when asked for), and `[DONE]`.
 */
export function streamFrames(c: Completion, includeUsage: boolean): string[] {
  const frame = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: c.id, object: 'chat.completion.chunk', created: c.created, model: c.model, choices, ...extra })}\n\n`;
  const delta = (d: object, finish: string | null = null) => frame([{ index: 0, delta: d, finish_reason: finish }]);
  const frames = [delta({ role: 'assistant', content: '' })];
  const text = c.text ?? '';
  for (let at = 0; at < text.length; at += TEXT_CHUNK_CHARS)
    frames.push(delta({ content: text.slice(at, at + TEXT_CHUNK_CHARS) }));
  c.toolCalls.forEach((t, index) => {
    frames.push(
      delta({ tool_calls: [{ index, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] }),
    );
    frames.push(delta({ tool_calls: [{ index, function: { arguments: t.arguments } }] }));
  });
  frames.push(delta({}, finishReason(c)));
  if (includeUsage) frames.push(frame([], { usage: c.usage }));
  frames.push('data: [DONE]\n\n');
  return frames;
}

export function errorBody(message: string, type = 'invalid_request_error') {
  return { error: { message, type, code: null } };
}
