import type { ExecutedQuery } from '@sa/shared';
import type { ChatLimits } from '../config/chatLimits.ts';
import type { ChatEvents } from './events.ts';
import { type GroundingReport, verifyGrounding } from './grounding.ts';
import type { LlmMessage, LlmProvider, LlmReply } from './providers/types.ts';
import { runTool, TOOL_SPECS, type ToolContext } from './tools.ts';

/** Why a provider gave no usable reply: it failed, did not start answering in time, ran out the turn, or said 429. */
export type ProviderFailure = 'failed' | 'slow' | 'turn_timeout' | 'rate_limited';

/** The provider could not give a usable reply (network, HTTP status, timeout). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: string,
    message: string,
    readonly failure: ProviderFailure,
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
  /** Aborted when the turn's time limit passes. */
  signal: AbortSignal;
  events: ChatEvents;
  limits: Pick<ChatLimits, 'providerTimeoutMs' | 'maxToolCalls' | 'maxOutputTokens'>;
}

export interface LlmRunOutput {
  /** The model's grounded answer, or null when the caller must answer from the queries that ran (template). */
  answer: string | null;
  executed: ExecutedQuery[];
  report: GroundingReport;
  /** The model asked for more tool calls than the turn allows; `answer` is null. */
  capped: boolean;
}

/** The HTTP status an SDK error carries (both SDKs put it on `status`). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** One provider request; it must start answering within providerTimeoutMs (a down or overloaded provider never does). */
async function ask(input: LlmRunInput, messages: LlmMessage[]): Promise<LlmReply> {
  const slow = new AbortController();
  const timer = setTimeout(
    () => slow.abort(new Error(`no reply started within ${input.limits.providerTimeoutMs} ms`)),
    input.limits.providerTimeoutMs,
  );
  try {
    return await input.provider.complete({
      system: input.system,
      messages,
      tools: TOOL_SPECS,
      maxOutputTokens: input.limits.maxOutputTokens,
      signal: AbortSignal.any([input.signal, slow.signal]),
      onStart: () => clearTimeout(timer),
      onDelta: (text) => input.events.emit('delta', { text }),
    });
  } catch (error) {
    const failure: ProviderFailure = slow.signal.aborted
      ? 'slow'
      : input.signal.aborted
        ? 'turn_timeout'
        : statusOf(error) === 429
          ? 'rate_limited'
          : 'failed';
    const message = error instanceof Error ? error.message : String(error);
    throw new ProviderError(input.provider.name, message, failure, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Tool calls made so far in this turn, across the correction round too. */
interface Budget {
  toolCalls: number;
}

async function converse(
  input: LlmRunInput,
  messages: LlmMessage[],
  executed: ExecutedQuery[],
  budget: Budget,
): Promise<{ text: string } | { capped: true }> {
  for (;;) {
    const reply = await ask(input, messages);
    messages.push({ role: 'assistant', text: reply.text, toolCalls: reply.toolCalls, raw: reply.raw });
    if (reply.toolCalls.length === 0) return { text: reply.text };
    const allowed = reply.toolCalls.slice(0, Math.max(0, input.limits.maxToolCalls - budget.toolCalls));
    for (const call of allowed) {
      budget.toolCalls++;
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
    // The model would only call more tools: the answer comes from what ran, without another round trip.
    if (allowed.length < reply.toolCalls.length || budget.toolCalls >= input.limits.maxToolCalls) {
      return { capped: true };
    }
  }
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
  const budget: Budget = { toolCalls: 0 };
  const timeZone = input.tools.timeZone;
  const capped = (): LlmRunOutput => ({
    answer: null,
    executed,
    report: verifyGrounding('', executed, timeZone),
    capped: true,
  });
  let turn = await converse(input, messages, executed, budget);
  if ('capped' in turn) return capped();
  let report = verifyGrounding(turn.text, executed, timeZone);
  if (report.grounded && executed.length > 0 && turn.text.trim() !== '')
    return { answer: turn.text, executed, report, capped: false };

  input.events.emit('status', { stage: 'correcting', issues: report.issues });
  messages.push({ role: 'user', text: correction(report, executed.length === 0) });
  turn = await converse(input, messages, executed, budget);
  if ('capped' in turn) return capped();
  report = verifyGrounding(turn.text, executed, timeZone);
  if (report.grounded && executed.length > 0 && turn.text.trim() !== '')
    return { answer: turn.text, executed, report, capped: false };
  return { answer: null, executed, report, capped: false };
}
