import type { ExecutedQuery } from '@sa/shared';
import type { ChatEvents } from './events.ts';
import { type GroundingReport, verifyGrounding } from './grounding.ts';
import type { LlmMessage, LlmProvider, LlmReply } from './providers/types.ts';
import { runTool, TOOL_SPECS, type ToolContext } from './tools.ts';

/** Tool rounds one model turn may take before it must answer. */
export const MAX_TOOL_ROUNDS = 6;

/** The provider could not give a usable reply (network, HTTP status, timeout, endless tool calls). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LlmRunInput {
  provider: LlmProvider;
  system: string;
  history: LlmMessage[];
  question: string;
  tools: ToolContext;
  signal: AbortSignal;
  events: ChatEvents;
}

export interface LlmRunOutput {
  /** The model's grounded answer, or null when it failed the check twice (the caller uses the template). */
  answer: string | null;
  executed: ExecutedQuery[];
  report: GroundingReport;
}

async function converse(
  input: LlmRunInput,
  messages: LlmMessage[],
  executed: ExecutedQuery[],
): Promise<string> {
  for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
    let reply: LlmReply;
    try {
      reply = await input.provider.complete({
        system: input.system,
        messages,
        tools: TOOL_SPECS,
        signal: input.signal,
        onDelta: (text) => input.events.emit('delta', { text }),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ProviderError(input.provider.name, message, { cause: error });
    }
    messages.push({ role: 'assistant', text: reply.text, toolCalls: reply.toolCalls, raw: reply.raw });
    if (reply.toolCalls.length === 0) return reply.text;
    for (const call of reply.toolCalls) {
      const outcome = await runTool(call.name, call.arguments, input.tools);
      input.events.emit('tool', {
        name: call.name,
        ok: outcome.ok,
        ...(outcome.ok ? {} : { error: outcome.error }),
        ...(outcome.ok && outcome.corrected ? { corrected: outcome.corrected } : {}),
      });
      if (outcome.ok && outcome.executed) executed.push(outcome.executed);
      const content = outcome.ok
        ? outcome.content
        : { error: outcome.error, hint: 'fix the arguments and call again' };
      messages.push({ role: 'tool', callId: call.id, name: call.name, content: JSON.stringify(content) });
    }
  }
  throw new ProviderError(
    input.provider.name,
    `the model kept calling tools for ${MAX_TOOL_ROUNDS} rounds without answering`,
  );
}

function correction(report: GroundingReport, executedNothing: boolean): string {
  if (executedNothing) {
    return 'Your answer is not based on any query. Call run_query for the question, then answer using only numbers from its result.';
  }
  const listed = report.issues.map(
    (i) =>
      `"${i.text}" (${i.kind === 'date' ? 'date outside the queried window' : 'number not in any result'})`,
  );
  return `Your answer states ${listed.join(', ')}, which the query results do not support. Rewrite the answer using only numbers from the run_query results (or percentages / differences computed from them) and only dates inside the queried window. Keep the same style.`;
}

/**
 * A tool-using conversation with the model, then the grounding check: every number and date of the answer
 * must trace to a query that ran. A failing answer gets one correction round; a second failure returns null.
 */
export async function runLlmChat(input: LlmRunInput): Promise<LlmRunOutput> {
  const messages: LlmMessage[] = [...input.history, { role: 'user', text: input.question }];
  const executed: ExecutedQuery[] = [];
  const timeZone = input.tools.timeZone;
  let text = await converse(input, messages, executed);
  let report = verifyGrounding(text, executed, timeZone);
  if (report.grounded && executed.length > 0 && text.trim() !== '') return { answer: text, executed, report };

  input.events.emit('status', { stage: 'correcting', issues: report.issues });
  messages.push({ role: 'user', text: correction(report, executed.length === 0) });
  text = await converse(input, messages, executed);
  report = verifyGrounding(text, executed, timeZone);
  if (report.grounded && executed.length > 0 && text.trim() !== '') return { answer: text, executed, report };
  return { answer: null, executed, report };
}
