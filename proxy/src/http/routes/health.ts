import { Hono } from 'hono';
import type { Config } from '../../config/index.ts';
import type { Store } from '../../store/Store.ts';
import type { AppEnv } from '../env.ts';

/** What the classifier reports about its model; the classifier supplies it, the folder check is the fallback. */
export interface ModelHealth {
  ready: boolean;
  version?: string | null;
  detail?: string;
}

export interface HealthDeps {
  store: Store;
  config: Config;
  modelHealth: () => ModelHealth | Promise<ModelHealth>;
}

/** `GET /healthz`: 200 when the store answers, 503 when it does not; never needs a key. */
export function healthRoutes({ store, config, modelHealth }: HealthDeps) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const [storeHealth, model, inbox] = await Promise.all([
      store.ping().then(
        () => ({ kind: store.kind, ok: true as const }),
        (error: unknown) => ({
          kind: store.kind,
          ok: false as const,
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
      Promise.resolve()
        .then(modelHealth)
        .catch(
          (error: unknown): ModelHealth => ({
            ready: false,
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
      // Webhook inbox depth and the age of its oldest pending row: how far live ingestion is behind.
      store.inboxStats().catch(() => null),
    ]);
    const body = {
      ok: storeHealth.ok,
      store: storeHealth,
      model,
      inbox,
      providers: { available: config.chat.available, default: config.chat.defaultProvider },
      open_local_mode: config.openLocalMode,
    };
    if (!storeHealth.ok) c.header('Retry-After', '5');
    return c.json(body, storeHealth.ok ? 200 : 503);
  });
}
