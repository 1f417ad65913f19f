import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_LIMITS } from '../../src/config/chatLimits.ts';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const cwd = '/srv/proxy';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('chat limits from the environment', () => {
  it('defaults to a 1.5 s provider start, a 20 s turn, 6 tool calls and 1024 output tokens', () => {
    expect(loadConfig({}, { cwd }).chat.limits).toEqual({
      providerTimeoutMs: 1_500,
      turnTimeoutMs: 20_000,
      maxToolCalls: 6,
      maxOutputTokens: 1_024,
    });
    expect(loadConfig({}, { cwd }).chat.limits).toEqual(DEFAULT_CHAT_LIMITS);
  });

  it('reads each CHAT_* variable; blank means unset', () => {
    const limits = loadConfig(
      {
        CHAT_PROVIDER_TIMEOUT_MS: '800',
        CHAT_TURN_TIMEOUT_MS: ' 9000 ',
        CHAT_MAX_TOOL_CALLS: '3',
        CHAT_MAX_OUTPUT_TOKENS: '',
      },
      { cwd },
    ).chat.limits;
    expect(limits).toEqual({
      providerTimeoutMs: 800,
      turnTimeoutMs: 9_000,
      maxToolCalls: 3,
      maxOutputTokens: DEFAULT_CHAT_LIMITS.maxOutputTokens,
    });
  });

  it('names every bad value with what it got', () => {
    expect(
      issuesOf({
        CHAT_PROVIDER_TIMEOUT_MS: '1.5s',
        CHAT_MAX_TOOL_CALLS: '0',
        CHAT_MAX_OUTPUT_TOKENS: '-5',
      }),
    ).toEqual([
      'CHAT_PROVIDER_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000 (got "1.5s")',
      'CHAT_MAX_TOOL_CALLS must be a whole number of calls from 1 to 50 (got "0")',
      'CHAT_MAX_OUTPUT_TOKENS must be a whole number of tokens from 16 to 65536 (got "-5")',
    ]);
  });

  it('refuses a provider wait longer than the whole turn', () => {
    expect(issuesOf({ CHAT_PROVIDER_TIMEOUT_MS: '5000', CHAT_TURN_TIMEOUT_MS: '2000' })).toEqual([
      'CHAT_PROVIDER_TIMEOUT_MS (5000) must not exceed CHAT_TURN_TIMEOUT_MS (2000)',
    ]);
  });
});
