import { z } from 'zod';

/** Rate limits and client identification read from the environment (README, "Environment variables"). */
export interface SecurityConfig {
  /** Requests per minute per site key (a key's own `limits` win). */
  requestsPerMinute: number;
  /** POST /v1/chat per minute per site key: chat spends LLM tokens, so it has a tighter budget of its own. */
  chatPerMinute: number;
  /** Requests per minute per client IP address, whatever key it sends (webhooks included). */
  ipPerMinute: number;
  /** Header a trusted front proxy puts the client's address in (fly.io: Fly-Client-IP); unset: the socket's. */
  clientIpHeader: string | null;
  /** Open local mode has no limits unless RATE_LIMITS=on: it serves one person on loopback (demo, evaluation). */
  enforceInOpenMode: boolean;
}

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? String(fallback) : value))
    .pipe(
      z
        .string()
        .regex(/^[1-9]\d{0,8}$/, 'must be a whole number above 0')
        .transform(Number),
    );

const SecurityEnv = z.object({
  RATE_LIMIT_PER_MINUTE: count(600),
  CHAT_RATE_LIMIT_PER_MINUTE: count(20),
  IP_RATE_LIMIT_PER_MINUTE: count(1200),
  CLIENT_IP_HEADER: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value.toLowerCase() : null))
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9-]+$/, 'must be a header name such as Fly-Client-IP')
        .nullable(),
    ),
  RATE_LIMITS: z
    .string()
    .trim()
    .optional()
    .pipe(z.enum(['on', 'off', 'auto', '']).optional()),
});

/** Parses the security variables; returns one issue line per bad value (naming the variable) instead of throwing. */
export function parseSecurityEnv(env: Record<string, string | undefined>): {
  security: SecurityConfig;
  issues: string[];
} {
  const parsed = SecurityEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message} (got "${env[name]}")`;
    });
    return { security: DEFAULT_SECURITY, issues };
  }
  const vars = parsed.data;
  return {
    security: {
      requestsPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      chatPerMinute: vars.CHAT_RATE_LIMIT_PER_MINUTE,
      ipPerMinute: vars.IP_RATE_LIMIT_PER_MINUTE,
      clientIpHeader: vars.CLIENT_IP_HEADER,
      enforceInOpenMode: vars.RATE_LIMITS === 'on',
    },
    issues: [],
  };
}

export const DEFAULT_SECURITY: SecurityConfig = {
  requestsPerMinute: 600,
  chatPerMinute: 20,
  ipPerMinute: 1200,
  clientIpHeader: null,
  enforceInOpenMode: false,
};
