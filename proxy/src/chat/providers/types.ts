import type { ToolSpec } from '../tools.ts';

export interface ToolCall {
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as the model wrote them. */
  arguments: string;
}

/** One entry of a provider-neutral transcript. `raw` keeps what a provider needs echoed back verbatim. */
export type LlmMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: ToolCall[]; raw?: unknown }
  | { role: 'tool'; callId: string; name: string; content: string };

export interface LlmRequest {
  system: string;
  messages: LlmMessage[];
  tools: readonly ToolSpec[];
  signal: AbortSignal;
  /** The provider's cap on the tokens of this reply. */
  maxOutputTokens: number;
  /** Called when the reply starts to arrive (its first streamed chunk). */
  onStart: () => void;
  /** Text as the provider streams it. */
  onDelta: (text: string) => void;
}

export interface LlmReply {
  text: string;
  toolCalls: ToolCall[];
  raw?: unknown;
}

/** A chat model that can call tools. Implementations speak one provider's wire format and nothing else. */
export interface LlmProvider {
  readonly name: 'openai' | 'gemini';
  complete(request: LlmRequest): Promise<LlmReply>;
}
