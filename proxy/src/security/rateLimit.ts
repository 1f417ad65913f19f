import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';
import { clientIp } from './clientIp.ts';
import type { SecurityConfig } from './securityConfig.ts';
import { perMinute, type RateLimiter, type TakeResult } from './tokenBucket.ts';

export type LimitScope = 'ip' | 'key' | 'chat';

export interface RateLimitDeps {
  limiter: RateLimiter;
  security: SecurityConfig;
  /** Told each time a request is refused (metrics). */
  onLimited?: (scope: LimitScope) => void;
}

function refuse(scope: LimitScope, taken: TakeResult): HttpError {
  const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
  const whose =
    scope === 'ip' ? 'this address' : scope === 'chat' ? 'chat on this site key' : 'this site key';
  return new HttpError(
    429,
    'rate_limited',
    `too many requests for ${whose}; retry in ${seconds} s`,
    { scope, retry_after_seconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** Per client address, before any key is read, so floods of bad keys and webhook spam are also bounded. */
export function ipRateLimit({ limiter, security, onLimited }: RateLimitDeps) {
  const limit = perMinute(security.ipPerMinute);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const taken = await limiter.take(`ip:${clientIp(c, security.clientIpHeader)}`, limit);
    if (!taken.allowed) {
      onLimited?.('ip');
      throw refuse('ip', taken);
    }
    return next();
  });
}

/** Per site key (its own `limits` when it has them), plus chat's tighter budget on POST /v1/chat. */
export function keyRateLimit({ limiter, security, onLimited }: RateLimitDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = c.get('keyId');
    const limits = c.get('key')?.limits;
    const general = await limiter.take(
      `key:${id}`,
      perMinute(limits?.requests_per_minute ?? security.requestsPerMinute),
    );
    if (!general.allowed) {
      onLimited?.('key');
      throw refuse('key', general);
    }
    if (c.req.method === 'POST' && c.req.path === '/v1/chat') {
      const chat = await limiter.take(
        `chat:${id}`,
        perMinute(limits?.chat_per_minute ?? security.chatPerMinute),
      );
      if (!chat.allowed) {
        onLimited?.('chat');
        throw refuse('chat', chat);
      }
    }
    return next();
  });
}
