import { type Content, GoogleGenAI, type Part } from '@google/genai';
import type { LlmMessage, LlmProvider, LlmReply, LlmRequest, ToolCall } from './types.ts';

export interface GeminiSettings {
  apiKey: string;
  model: string;
  /** Another endpoint than Google's (tests, gateways), through the SDK's httpOptions. */
  baseUrl?: string;
}

function toContents(messages: LlmMessage[]): Content[] {
  const out: Content[] = [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', parts: [{ text: m.text }] });
    else if (m.role === 'assistant') {
      // Gemini wants its own parts back verbatim (thought signatures included).
      const parts = (m.raw as Part[] | undefined) ?? [
        ...(m.text ? [{ text: m.text }] : []),
        ...m.toolCalls.map((c) => ({
          functionCall: { id: c.id, name: c.name, args: JSON.parse(c.arguments || '{}') },
        })),
      ];
      out.push({ role: 'model', parts });
    } else {
      const response = JSON.parse(m.content) as Record<string, unknown>;
      const part: Part = { functionResponse: { id: m.callId, name: m.name, response } };
      const last = out[out.length - 1];
      // All responses to one turn's calls travel in one user content.
      if (last?.role === 'user' && last.parts?.every((p) => p.functionResponse)) last.parts.push(part);
      else out.push({ role: 'user', parts: [part] });
    }
  }
  return out;
}

/** Gemini generateContent (streamed) with function declarations generated from the same zod schemas. */
export function geminiProvider(settings: GeminiSettings): LlmProvider {
  const ai = new GoogleGenAI({
    apiKey: settings.apiKey,
    // Pinned: with a custom base URL the SDK would otherwise pick another API version than Google's default.
    httpOptions: { apiVersion: 'v1beta', ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}) },
  });
  return {
    name: 'gemini',
    async complete(request: LlmRequest): Promise<LlmReply> {
      const stream = await ai.models.generateContentStream({
        model: settings.model,
        contents: toContents(request.messages),
        config: {
          systemInstruction: request.system,
          tools: [
            {
              functionDeclarations: request.tools.map((t) => ({
                name: t.name,
                description: t.description,
                parametersJsonSchema: t.parameters,
              })),
            },
          ],
          maxOutputTokens: request.maxOutputTokens,
          abortSignal: request.signal,
        },
      });
      let text = '';
      const toolCalls: ToolCall[] = [];
      const raw: Part[] = [];
      let started = false;
      for await (const chunk of stream) {
        if (!started) {
          started = true;
          request.onStart();
        }
        for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
          raw.push(part);
          if (part.functionCall) {
            const call = part.functionCall;
            toolCalls.push({
              id: call.id ?? `call_${toolCalls.length}`,
              name: call.name ?? '',
              arguments: JSON.stringify(call.args ?? {}),
            });
          } else if (part.text && !part.thought) {
            text += part.text;
            request.onDelta(part.text);
          }
        }
      }
      return { text, toolCalls, raw };
    },
  };
}
