import OpenAI from 'openai';
import type { LlmMessage, LlmProvider, LlmReply, LlmRequest, ToolCall } from './types.ts';

export interface OpenAiSettings {
  apiKey: string;
  model: string;
  /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio) via OPENAI_BASE_URL. */
  baseUrl?: string;
}

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

function toMessages(system: string, messages: LlmMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.text });
    else if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.callId, content: m.content });
    else {
      out.push({
        role: 'assistant',
        content: m.text === '' ? null : m.text,
        ...(m.toolCalls.length > 0
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      });
    }
  }
  return out;
}

/** OpenAI chat completions with strict function tools, streamed; tool-call fragments are joined by index. */
export function openAiProvider(settings: OpenAiSettings): LlmProvider {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    // The chat falls back to the local planner instead of retrying.
    maxRetries: 0,
  });
  return {
    name: 'openai',
    async complete(request: LlmRequest): Promise<LlmReply> {
      const stream = await client.chat.completions.create(
        {
          model: settings.model,
          messages: toMessages(request.system, request.messages),
          tools: request.tools.map((t) => ({
            type: 'function' as const,
            function: {
              name: t.name,
              description: t.description,
              parameters: t.strictParameters,
              strict: true,
            },
          })),
          stream: true,
          max_completion_tokens: request.maxOutputTokens,
        },
        { signal: request.signal },
      );
      let text = '';
      const calls = new Map<number, ToolCall>();
      let started = false;
      for await (const chunk of stream) {
        if (!started) {
          started = true;
          request.onStart();
        }
        const delta = chunk.choices[0]?.delta;
        if (!delta) continue;
        if (delta.content) {
          text += delta.content;
          request.onDelta(delta.content);
        }
        for (const part of delta.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
          if (part.id) call.id = part.id;
          if (part.function?.name) call.name += part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
          calls.set(part.index, call);
        }
      }
      const toolCalls = [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` }));
      return { text, toolCalls };
    },
  };
}
