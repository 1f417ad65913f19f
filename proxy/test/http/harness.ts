import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MessageInput } from '@sa/shared';
import { type Config, type Env, loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger, type Logger } from '../../src/http/logger.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

export interface Harness {
  dir: string;
  store: Store;
  logs: Record<string, unknown>[];
  log: Logger;
  /** A fresh app on the shared store; `env` adds configuration (SITE_KEYS etc.). */
  app(env?: Env, paths?: Partial<Config['paths']>): ReturnType<typeof createApp>;
  config(env?: Env, paths?: Partial<Config['paths']>): Config;
  cleanup(): Promise<void>;
}

/** A real embedded store in a temp dir, and apps built on it the way `sa serve` builds them. */
export async function openHarness(): Promise<Harness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sa-http-'));
  const store = await openPGliteStore(path.join(dir, 'db'));
  const logs: Record<string, unknown>[] = [];
  const log = createJsonLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const config = (env: Env = {}, paths: Partial<Config['paths']> = {}) => {
    const loaded = loadConfig({ LOG_LEVEL: 'silent', ...env }, { cwd: dir, db: path.join(dir, 'db') });
    return { ...loaded, paths: { ...loaded.paths, ...paths } };
  };
  return {
    dir,
    store,
    logs,
    log,
    config,
    app: (env, paths) => createApp({ store, config: config(env, paths), log }),
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A valid message; `n` makes id and time distinct, newer for larger n. */
export function message(n: number, overrides: Partial<MessageInput> = {}): MessageInput {
  const at = new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString();
  return {
    id: `livechat:c${n}:e${n}`,
    source: 'livechat',
    conversation_id: `c${n}`,
    author_role: 'customer',
    created_at: at,
    text: `message number ${n}: my withdrawal is still pending`,
    ...overrides,
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}
