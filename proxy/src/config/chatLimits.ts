import { z } from 'zod';
import type { Env } from './config.ts';

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

function wholeNumber(min: number, max: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)
    .optional();
}

const ChatLimitsEnv = z.object({
  CHAT_PROVIDER_TIMEOUT_MS: wholeNumber(100, 120_000, 'milliseconds'),
  CHAT_TURN_TIMEOUT_MS: wholeNumber(100, 600_000, 'milliseconds'),
  CHAT_MAX_TOOL_CALLS: wholeNumber(1, 50, 'calls'),
  CHAT_MAX_OUTPUT_TOKENS: wholeNumber(16, 65_536, 'tokens'),
});

/** CHAT_* limits from the environment; every bad value is one issue naming the variable and what it got. */
export function parseChatLimits(env: Env): { limits: ChatLimits; issues: string[] } {
  const blankless = Object.fromEntries(
    Object.keys(ChatLimitsEnv.shape)
      .filter((name) => (env[name] ?? '').trim() !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = ChatLimitsEnv.safeParse(blankless);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message} (got "${env[name]}")`;
    });
    return { limits: DEFAULT_CHAT_LIMITS, issues };
  }
  const vars = parsed.data;
  const limits: ChatLimits = {
    providerTimeoutMs: vars.CHAT_PROVIDER_TIMEOUT_MS ?? DEFAULT_CHAT_LIMITS.providerTimeoutMs,
    turnTimeoutMs: vars.CHAT_TURN_TIMEOUT_MS ?? DEFAULT_CHAT_LIMITS.turnTimeoutMs,
    maxToolCalls: vars.CHAT_MAX_TOOL_CALLS ?? DEFAULT_CHAT_LIMITS.maxToolCalls,
    maxOutputTokens: vars.CHAT_MAX_OUTPUT_TOKENS ?? DEFAULT_CHAT_LIMITS.maxOutputTokens,
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
