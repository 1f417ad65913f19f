import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, type Provider } from '@sa/shared';
import { z } from 'zod';
import { parseSecurityEnv, type SecurityConfig } from '../security/securityConfig.ts';
import { signInConfigured } from '../security/signIn.ts';
import { type ChatLimits, parseChatLimits } from './chatLimits.ts';
import { parseSiteKeys, type SiteKey, SiteKeysError } from './siteKeys.ts';
import { parseDbTarget, type StoreTarget, StoreTargetError } from './storeTarget.ts';

/** The repository root (this file lives in proxy/src/config). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 8787;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ProviderSettings {
  apiKey: string;
  model: string;
  baseUrl?: string;
}

/** Everything the proxy and the CLI read from the environment, validated once at start. */
export interface Config {
  port: number;
  host: string;
  /** No SITE_KEYS and no SITE_KEYS_TABLE=on: loopback only, no key needed, every request is site `default`. */
  openLocalMode: boolean;
  siteKeys: SiteKey[];
  store: StoreTarget;
  chat: {
    /** The provider used when a request names none. */
    defaultProvider: Provider;
    /** Providers that can answer: `local` always, the others when their key is set. */
    available: Provider[];
    openai: ProviderSettings | null;
    gemini: ProviderSettings | null;
    /** Provider timeouts and per-turn caps (CHAT_* variables, chatLimits.ts). */
    limits: ChatLimits;
  };
  redisUrl: string | null;
  /** Rate limits and client addresses (proxy/src/security). */
  security: SecurityConfig;
  webhooks: { livechatSecret: string | null; telegramSecret: string | null };
  allowClockOverride: boolean;
  logLevel: LogLevel;
  paths: {
    /** The classifier's model folder (config.json, tokenizer files, onnx/). */
    modelDir: string;
    /** The built widget (widget.js loader, chunks, demo page). */
    widgetDist: string;
    /** onnxruntime-web's WASM runtime files, served to browsers from our own origin. */
    ortDist: string;
  };
}

export type Env = Record<string, string | undefined>;

export interface ConfigOverrides {
  /** `--db <dir|postgres-url>`: wins over DATA_DIR / DATABASE_URL / SUPABASE_URL. */
  db?: string;
  /** `--port N`: wins over PORT. */
  port?: string | number;
  /** Where relative paths are resolved from (default: where the user ran pnpm). */
  cwd?: string;
}

/** Bad configuration; `issues` has one line per bad value, each naming the variable or flag. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
  }
}

const SECRET_VARIABLES = new Set([
  'OPENAI_API_KEY',
  'GEMINI_API_KEY',
  'SUPABASE_SERVICE_ROLE_KEY',
  'SITE_KEYS',
  'LIVECHAT_WEBHOOK_SECRET',
  'TELEGRAM_WEBHOOK_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
]);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

function urlWithScheme(schemes: string[]) {
  return optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}` },
  );
}

const portSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a whole number from 0 to 65535');

const EnvSchema = z.object({
  PORT: optionalText.pipe(portSchema.optional()),
  HOST: optionalText,
  DATA_DIR: optionalText,
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:']),
  SUPABASE_URL: urlWithScheme(['https:', 'http:']),
  SUPABASE_SERVICE_ROLE_KEY: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: urlWithScheme(['https:', 'http:']),
  OPENAI_MODEL: optionalText,
  GEMINI_API_KEY: optionalText,
  GEMINI_MODEL: optionalText,
  CHAT_PROVIDER: optionalText.pipe(z.enum(PROVIDERS, `must be one of ${PROVIDERS.join(', ')}`).optional()),
  SITE_KEYS: optionalText,
  REDIS_URL: urlWithScheme(['redis:', 'rediss:']),
  LIVECHAT_WEBHOOK_SECRET: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  MODEL_DIR: optionalText,
  ALLOW_CLOCK_OVERRIDE: optionalText.pipe(z.enum(['0', '1', 'true', 'false'], 'must be 1 or 0').optional()),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).optional()),
});

export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

/**
 * Reads the configuration from `env` (normally process.env) plus command-line overrides.
 * Throws ConfigError listing every bad value, so one run shows everything to fix.
 */
export function loadConfig(env: Env, overrides: ConfigOverrides = {}): Config {
  const cwd = overrides.cwd ?? env.INIT_CWD ?? process.cwd();
  const issues: string[] = [];
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      const value = env[name];
      const shown = SECRET_VARIABLES.has(name) || value === undefined ? '' : ` (got "${value}")`;
      issues.push(`${name} ${issue.message}${shown}`);
    }
    throw new ConfigError(issues);
  }
  const vars = parsed.data;

  let port = vars.PORT ?? DEFAULT_PORT;
  if (overrides.port !== undefined) {
    const flag = portSchema.safeParse(String(overrides.port));
    if (flag.success) port = flag.data;
    else issues.push(`--port must be a whole number from 0 to 65535 (got "${overrides.port}")`);
  }

  let siteKeys: SiteKey[] = [];
  try {
    siteKeys = parseSiteKeys(vars.SITE_KEYS ?? '');
  } catch (error) {
    if (!(error instanceof SiteKeysError)) throw error;
    issues.push(`SITE_KEYS ${error.message}`);
  }
  const { security, issues: securityIssues } = parseSecurityEnv(env);
  issues.push(...securityIssues);

  const openLocalMode = siteKeys.length === 0 && !security.siteKeysTable;
  const host = vars.HOST ?? '127.0.0.1';
  if (openLocalMode && !LOOPBACK_HOSTS.has(host)) {
    issues.push(
      `HOST=${host} needs SITE_KEYS: with no keys the proxy runs in open local mode and binds 127.0.0.1 only`,
    );
  }

  let store: StoreTarget = { kind: 'pglite', dataDir: path.resolve(cwd, vars.DATA_DIR ?? 'data') };
  if (overrides.db !== undefined) {
    try {
      store = parseDbTarget(overrides.db, cwd);
    } catch (error) {
      if (!(error instanceof StoreTargetError)) throw error;
      issues.push(`--db ${error.message}`);
    }
  } else if (vars.DATABASE_URL) {
    store = { kind: 'postgres', url: vars.DATABASE_URL };
  } else if (vars.SUPABASE_URL || vars.SUPABASE_SERVICE_ROLE_KEY) {
    if (vars.SUPABASE_URL && vars.SUPABASE_SERVICE_ROLE_KEY) {
      store = { kind: 'supabase', url: vars.SUPABASE_URL, serviceRoleKey: vars.SUPABASE_SERVICE_ROLE_KEY };
    } else {
      issues.push(
        vars.SUPABASE_URL
          ? 'SUPABASE_SERVICE_ROLE_KEY is missing: the Supabase adapter needs it with SUPABASE_URL'
          : 'SUPABASE_URL is missing: the Supabase adapter needs it with SUPABASE_SERVICE_ROLE_KEY',
      );
    }
  }

  const openai: ProviderSettings | null = vars.OPENAI_API_KEY
    ? {
        apiKey: vars.OPENAI_API_KEY,
        model: vars.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL,
        ...(vars.OPENAI_BASE_URL ? { baseUrl: vars.OPENAI_BASE_URL } : {}),
      }
    : null;
  const gemini: ProviderSettings | null = vars.GEMINI_API_KEY
    ? { apiKey: vars.GEMINI_API_KEY, model: vars.GEMINI_MODEL ?? DEFAULT_GEMINI_MODEL }
    : null;
  const available: Provider[] = [
    ...(openai ? ['openai' as const] : []),
    ...(gemini ? ['gemini' as const] : []),
  ];
  available.push('local');
  const defaultProvider = vars.CHAT_PROVIDER ?? available[0] ?? 'local';
  if (!available.includes(defaultProvider)) {
    issues.push(
      `CHAT_PROVIDER=${defaultProvider} needs ${defaultProvider === 'openai' ? 'OPENAI_API_KEY' : 'GEMINI_API_KEY'}`,
    );
  }

  if (siteKeys.some((entry) => entry.require_sign_in) && !signInConfigured(security.signIn)) {
    issues.push(
      'SITE_KEYS has keys with require_sign_in: set SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL or SESSION_TOKEN_SECRET so tokens can be checked',
    );
  }

  const { limits: chatLimits, issues: chatIssues } = parseChatLimits(env);
  issues.push(...chatIssues);

  if (issues.length > 0) throw new ConfigError(issues);

  return {
    port,
    host,
    openLocalMode,
    siteKeys,
    store,
    chat: { defaultProvider, available, openai, gemini, limits: chatLimits },
    redisUrl: vars.REDIS_URL ?? null,
    security,
    webhooks: {
      livechatSecret: vars.LIVECHAT_WEBHOOK_SECRET ?? null,
      telegramSecret: vars.TELEGRAM_WEBHOOK_SECRET ?? null,
    },
    allowClockOverride: vars.ALLOW_CLOCK_OVERRIDE === '1' || vars.ALLOW_CLOCK_OVERRIDE === 'true',
    logLevel: vars.LOG_LEVEL ?? 'info',
    paths: {
      modelDir: vars.MODEL_DIR
        ? path.resolve(cwd, vars.MODEL_DIR)
        : path.join(REPO_ROOT, 'models', 'default'),
      widgetDist: path.join(REPO_ROOT, 'widget', 'dist'),
      ortDist: resolveOrtDist(),
    },
  };
}

/** onnxruntime-web comes with transformers.js; pnpm keeps it beside that package, not at the top level. */
function resolveOrtDist(): string {
  try {
    const fromProxy = createRequire(import.meta.url);
    const fromTransformers = createRequire(fromProxy.resolve('@huggingface/transformers'));
    return path.dirname(fromTransformers.resolve('onnxruntime-web'));
  } catch {
    return path.join(REPO_ROOT, 'node_modules', 'onnxruntime-web', 'dist');
  }
}
