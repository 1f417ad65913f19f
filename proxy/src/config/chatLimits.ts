import { z } from 'zod';
import type { Env } from './config.ts';
import { envIssueLines, wholeNumberVar } from './envVars.ts';

/**
 * What one chat turn may spend on an LLM provider. The defaults keep a provider that is down, slow to start
 * or rate-limited from holding a turn: the local planner answers within 2 s (1.5 s wait + the local query).
 */
export interface ChatLimits {
  /** Longest wait for a provider to start answering each request (response and first streamed chunk). */
  providerTimeoutMs: number;
  /** Longest time the provider part of one turn may take: every round, tool calls and the correction. */
  turnTimeoutMs: number;
  /** Tool calls one turn may make; past it the answer is built from the queries that ran. */
  maxToolCalls: number;
  /** Passed to the provider as its output-token cap for each reply. */
  maxOutputTokens: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = {
  providerTimeoutMs: 1_500,
  turnTimeoutMs: 20_000,
  maxToolCalls: 6,
  maxOutputTokens: 1_024,
};

const ChatLimitsEnv = z.object({
  CHAT_PROVIDER_TIMEOUT_MS: wholeNumberVar(
    DEFAULT_CHAT_LIMITS.providerTimeoutMs,
    100,
    120_000,
    'milliseconds',
  ),
  CHAT_TURN_TIMEOUT_MS: wholeNumberVar(DEFAULT_CHAT_LIMITS.turnTimeoutMs, 100, 600_000, 'milliseconds'),
  CHAT_MAX_TOOL_CALLS: wholeNumberVar(DEFAULT_CHAT_LIMITS.maxToolCalls, 1, 50, 'calls'),
  CHAT_MAX_OUTPUT_TOKENS: wholeNumberVar(DEFAULT_CHAT_LIMITS.maxOutputTokens, 16, 65_536, 'tokens'),
});

/** CHAT_* limits from the environment; every bad value is one issue naming the variable and what it got. */
export function parseChatLimits(env: Env): { limits: ChatLimits; issues: string[] } {
  const parsed = ChatLimitsEnv.safeParse(env);
  if (!parsed.success) return { limits: DEFAULT_CHAT_LIMITS, issues: envIssueLines(parsed.error, env) };
  const vars = parsed.data;
  const limits: ChatLimits = {
    providerTimeoutMs: vars.CHAT_PROVIDER_TIMEOUT_MS,
    turnTimeoutMs: vars.CHAT_TURN_TIMEOUT_MS,
    maxToolCalls: vars.CHAT_MAX_TOOL_CALLS,
    maxOutputTokens: vars.CHAT_MAX_OUTPUT_TOKENS,
  };
  if (limits.providerTimeoutMs > limits.turnTimeoutMs) {
    return {
      limits,
      issues: [
        `CHAT_PROVIDER_TIMEOUT_MS (${limits.providerTimeoutMs}) must not exceed CHAT_TURN_TIMEOUT_MS (${limits.turnTimeoutMs})`,
      ],
    };
  }
  return { limits, issues: [] };
}
