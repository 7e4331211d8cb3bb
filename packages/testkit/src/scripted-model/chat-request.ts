import { z } from 'zod';

// The parts of an OpenAI chat-completions request the scripted model reads. Loose: OpenCode sends more fields
// (max_tokens, tool_choice…) and we keep out of their way.

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  tool_call_id: z.string().optional(),
});

export const ChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(MessageSchema).min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(z.looseObject({ function: z.looseObject({ name: z.string() }).optional() })).optional(),
});

export type ChatRequest = z.infer<typeof ChatRequestSchema>;
type ChatMessage = z.infer<typeof MessageSchema>;

/** OpenCode's own calls that are not part of any scenario: session titles and context summaries. */
export type HousekeepingKind = 'title' | 'summary';

/** Plain text of a message: a string, or the text parts of a content array. */
export function messageText(message: ChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => {
      if (typeof part !== 'object' || part === null || !('text' in part)) return '';
      return typeof part.text === 'string' ? part.text : '';
    })
    .join('');
}

export function lastUserText(request: ChatRequest): string {
  return messageText(request.messages.findLast((m) => m.role === 'user'));
}

export function allText(request: ChatRequest): string {
  return request.messages.map(messageText).join('\n');
}

/** True for the follow-up request OpenCode sends once a tool ran: its last message is the tool result. */
export function isAfterToolResult(request: ChatRequest): boolean {
  return request.messages.at(-1)?.role === 'tool';
}

/** How many assistant messages follow the last user message: 0 for a fresh prompt, N after N tool rounds. */
export function stepOf(request: ChatRequest): number {
  const lastUser = request.messages.findLastIndex((m) => m.role === 'user');
  return request.messages.slice(lastUser + 1).filter((m) => m.role === 'assistant').length;
}

/** The content of the last tool message, or null when no tool ran. */
export function lastToolResult(request: ChatRequest): string | null {
  const tool = request.messages.findLast((m) => m.role === 'tool');
  return tool ? messageText(tool) : null;
}

export function offeredTools(request: ChatRequest): string[] {
  return (request.tools ?? []).flatMap((t) => (t.function ? [t.function.name] : []));
}

// OpenCode 1.18 system prompts for its housekeeping agents (seen in requests from the real binary).
const TITLE_MARKER = 'You are a title generator';
const SUMMARY_MARKER = 'context summarization agent';

export function housekeepingKind(request: ChatRequest): HousekeepingKind | null {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map(messageText)
    .join('\n');
  if (system.includes(TITLE_MARKER)) return 'title';
  if (system.includes(SUMMARY_MARKER)) return 'summary';
  return null;
}
