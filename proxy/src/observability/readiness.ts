import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import type { ModelHealth } from '../http/routes/health.ts';
import type { Store } from '../store/Store.ts';
import type { Metrics } from './metrics.ts';

export interface ObservabilityDeps {
  store: Store;
  modelHealth: () => ModelHealth | Promise<ModelHealth>;
  metrics: Metrics;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `GET /readyz`: whether this instance should get traffic — the store answers, the model can load and the
 * webhook inbox can be read (503 + Retry-After otherwise, so a load balancer routes around it).
 * `GET /metrics`: Prometheus text format.
 */
export function observabilityRoutes({ store, modelHealth, metrics }: ObservabilityDeps) {
  return new Hono<AppEnv>()
    .get('/readyz', async (c) => {
      const [storeCheck, model, queue] = await Promise.all([
        store.ping().then(
          () => ({ ok: true }),
          (error: unknown) => ({ ok: false, error: reason(error) }),
        ),
        Promise.resolve()
          .then(modelHealth)
          .catch((error: unknown): ModelHealth => ({ ready: false, detail: reason(error) })),
        store.inboxStats().then(
          (stats) => ({ ok: true, ...stats }),
          (error: unknown) => ({ ok: false, error: reason(error) }),
        ),
      ]);
      const ready = storeCheck.ok && model.ready && queue.ok;
      if (!ready) c.header('Retry-After', '5');
      return c.json({ ready, store: storeCheck, model, queue }, ready ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      const { contentType, body } = await metrics.render();
      return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    });
}
