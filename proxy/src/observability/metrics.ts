import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppEnv } from '../http/env.ts';
import type { LimitScope } from '../security/rateLimit.ts';

/** Process metrics (memory, event loop, GC) are per process, not per app: registered once. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface Metrics {
  /** Counts and times every request by route pattern (never the raw path: ids would explode the series). */
  middleware: ReturnType<typeof createMiddleware<AppEnv>>;
  rateLimited(scope: LimitScope): void;
  /** The Prometheus text exposition of this app's and the process's metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

interface RouteSeries {
  byStatus: Map<number, Counter.Internal>;
  duration: Histogram.Internal<'method' | 'route'>;
}

/** `parts`: registries of components the app is given (the query cache), rendered with the app's own. */
export function createMetrics(parts: Registry[] = []): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'sa_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sa_http_request_duration_seconds',
    help: 'Time to the response head, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'sa_rate_limited_total',
    help: 'Requests refused with 429, by which budget ran out.',
    labelNames: ['scope'] as const,
    registers: [registry],
  });
  // Label children per method and route, made once: prom-client hashes a label set on every inc/observe
  // otherwise, and every request pays for it.
  const series = new Map<string, Map<string, RouteSeries>>();
  function seriesOf(method: string, route: string): RouteSeries {
    let byRoute = series.get(method);
    if (!byRoute) {
      byRoute = new Map();
      series.set(method, byRoute);
    }
    let found = byRoute.get(route);
    if (!found) {
      found = { byStatus: new Map(), duration: duration.labels(method, route) };
      byRoute.set(route, found);
    }
    return found;
  }
  return {
    middleware: createMiddleware<AppEnv>(async (c, next) => {
      const started = performance.now();
      await next();
      const status = c.res.status;
      // The last matched route's pattern; unmatched paths share one label.
      const route = status === 404 ? 'unmatched' : routePath(c, -1);
      const method = c.req.method;
      const found = seriesOf(method, route);
      let count = found.byStatus.get(status);
      if (!count) {
        count = requests.labels(method, route, String(status));
        found.byStatus.set(status, count);
      }
      count.inc();
      found.duration.observe((performance.now() - started) / 1000);
    }),
    rateLimited: (scope) => limited.inc({ scope }),
    async render() {
      const merged = Registry.merge([processMetrics(), registry, ...parts]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
