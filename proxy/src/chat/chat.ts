import { randomUUID } from 'node:crypto';
import {
  type AnalyticsQuery,
  type ChatAnswer,
  type ChatRequest,
  type ExecutedQuery,
  inferCalendarUnit,
  type Provider,
  type TimeWindow,
  withQueryDefaults,
} from '@sa/shared';
import { type ChatLimits, DEFAULT_CHAT_LIMITS } from '../config/chatLimits.ts';
import type { Conversation, SiteId, Store } from '../store/Store.ts';
import { appendExchange, lastQuery, newConversation } from './conversation.ts';
import { type ChatEvents, SILENT } from './events.ts';
import { verifyGrounding } from './grounding.ts';
import { ProviderError, runLlmChat } from './llm.ts';
import { type Clock, type Plan, planQuestion } from './planner.ts';
import { historyMessages, systemPrompt } from './prompt.ts';
import type { LlmProvider } from './providers/types.ts';
import { renderAnswer } from './templates.ts';

export interface ChatDeps {
  store: Store;
  /** The configured LLM providers; `local` is always available. */
  providers: Partial<Record<'openai' | 'gemini', LlmProvider>>;
  defaultProvider: Provider;
  /** Provider timeouts and per-turn caps; unset ones take DEFAULT_CHAT_LIMITS. */
  limits?: Partial<ChatLimits>;
}

export interface ChatCall {
  request: ChatRequest;
  /** From the request's credentials, never from the message or a tool. */
  site: SiteId;
  /** The clock for time words: the request's `now` only where ALLOW_CLOCK_OVERRIDE allows it. */
  now: Date;
  events?: ChatEvents;
}

function toTimeWindow(query: AnalyticsQuery, clock: Clock): TimeWindow {
  const { from, to } = query.filters;
  const unit = inferCalendarUnit(from, to, clock.timeZone, clock.now);
  return { from, to, unit: unit?.unit ?? null, to_date: unit?.to_date ?? false };
}

async function runLocal(
  deps: ChatDeps,
  site: SiteId,
  plan: Extract<Plan, { kind: 'query' }>,
  clock: Clock,
): Promise<{ answer: string; executed: ExecutedQuery[] }> {
  const query = withQueryDefaults(plan.query);
  const result = await deps.store.runQuery(site, query);
  const answer = renderAnswer(query, result, { ...clock, windowOrigin: plan.windowOrigin });
  return { answer, executed: [{ query, result }] };
}

function templateFor(
  executed: ExecutedQuery[],
  clock: Clock,
  plan: Extract<Plan, { kind: 'query' }>,
): string {
  return executed
    .map(({ query, result }) => renderAnswer(query, result, { ...clock, windowOrigin: plan.windowOrigin }))
    .join('\n\n');
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function failureReason(error: ProviderError, limits: ChatLimits): string {
  const { provider } = error;
  switch (error.failure) {
    case 'slow':
      return `${provider} did not start answering within ${seconds(limits.providerTimeoutMs)}; the local planner answered`;
    case 'turn_timeout':
      return `${provider} did not finish within the turn's ${seconds(limits.turnTimeoutMs)}; the local planner answered`;
    case 'rate_limited':
      return `${provider} is rate-limiting this proxy (HTTP 429); the local planner answered`;
    case 'failed':
      return `${provider} failed (${error.message.slice(0, 200)}); the local planner answered`;
  }
}

/**
 * Answers one chat message: the question is planned locally first (scope, time words, follow-up context), so
 * refusals never reach a model and every query's window is the one the user's words mean. With an LLM
 * provider the model drives the tools; its answer must pass the grounding check, else the template answer
 * is used. A provider failure or timeout falls back to the local planner. The exchange is persisted.
 */
export async function answerChat(deps: ChatDeps, call: ChatCall): Promise<ChatAnswer> {
  const { request, site } = call;
  const events = call.events ?? SILENT;
  const clock: Clock = { now: call.now, timeZone: request.time_zone ?? 'UTC' };
  const conversationId = request.conversation_id ?? randomUUID();
  const stored = request.conversation_id ? await deps.store.loadConversation(site, conversationId) : null;
  const conversation: Conversation = stored ?? newConversation(site, conversationId, clock.now.toISOString());
  const previous = lastQuery(conversation);

  events.emit('status', { stage: 'planning' });
  const plan = planQuestion(request.message, previous, clock);
  const asked: Provider = request.provider ?? deps.defaultProvider;
  let provider: Provider = asked;
  let fallbackReason: string | undefined;
  let answer: string;
  let executed: ExecutedQuery[] = [];

  if (plan.kind !== 'query') {
    answer = plan.answer;
    if (asked !== 'local') {
      provider = 'local';
      fallbackReason =
        plan.kind === 'refusal'
          ? `refused before any model call (${plan.reason})`
          : 'no analytics question to send to a model';
    }
  } else {
    const llm = asked === 'local' ? undefined : deps.providers[asked];
    if (asked !== 'local' && !llm) {
      provider = 'local';
      fallbackReason = `${asked} is not configured on this proxy; the local planner answered`;
    }
    if (llm) {
      const limits: ChatLimits = { ...DEFAULT_CHAT_LIMITS, ...deps.limits };
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new Error('turn time limit reached')),
        limits.turnTimeoutMs,
      );
      events.emit('status', { stage: 'calling_provider', provider: asked });
      try {
        const window = toTimeWindow(plan.query, clock);
        const run = await runLlmChat({
          provider: llm,
          system: systemPrompt({
            ...clock,
            window: { from: window.from, to: window.to, isDefault: plan.windowOrigin === 'default' },
            conversation: stored,
          }),
          history: historyMessages(stored),
          question: request.message,
          tools: { store: deps.store, site, timeZone: clock.timeZone, now: clock.now, window },
          signal: controller.signal,
          events,
          limits,
        });
        executed = run.executed;
        if (run.answer !== null) {
          answer = run.answer;
        } else {
          if (executed.length === 0) executed = (await runLocal(deps, site, plan, clock)).executed;
          answer = templateFor(executed, clock, plan);
          fallbackReason = run.capped
            ? `the ${asked} model kept calling tools past the limit of ${limits.maxToolCalls} a turn; the template answer gives the results of the queries that ran`
            : `the ${asked} answer stated ${run.report.issues.map((i) => `"${i.text}"`).join(', ') || 'nothing checkable'} not found in the query results, twice; the template answer replaced it`;
          events.emit('status', { stage: 'replaced', reason: fallbackReason });
        }
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        provider = 'local';
        fallbackReason = failureReason(error, limits);
        events.emit('status', { stage: 'fallback', reason: fallbackReason });
        ({ answer, executed } = await runLocal(deps, site, plan, clock));
      } finally {
        clearTimeout(timer);
      }
    } else {
      events.emit('status', { stage: 'querying' });
      ({ answer, executed } = await runLocal(deps, site, plan, clock));
    }
  }

  const report = verifyGrounding(answer, executed, clock.timeZone);
  const last = executed[executed.length - 1]?.query ?? (plan.kind === 'query' ? null : previous);
  const at = clock.now.toISOString();
  await deps.store.saveConversation(
    appendExchange(
      conversation,
      [
        { role: 'user', content: request.message, at },
        {
          role: 'assistant',
          content: answer,
          at,
          ...(last && plan.kind === 'query' ? { filters: last.filters, query: last } : {}),
        },
      ],
      at,
    ),
  );
  const final: ChatAnswer = {
    answer,
    queries: executed,
    context: { filters: last?.filters ?? {} },
    provider,
    grounded: report.grounded,
    conversation_id: conversationId,
    ...(fallbackReason ? { fallback_reason: fallbackReason } : {}),
  };
  events.emit('final', final);
  return final;
}
