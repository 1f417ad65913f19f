import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { chatDepsFromConfig } from '../chat/providers/index.ts';
import { type ClassifierHandle, lazyClassifier } from '../classify/classifierHandle.ts';
import type { Config } from '../config/index.ts';
import { createLiveSignals, type LiveSignals } from '../events/liveSignals.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityRoutes } from '../observability/readiness.ts';
import { adminGate } from '../security/adminAccess.ts';
import { corsGate, keyOriginCheck } from '../security/cors.ts';
import { createKeyDirectory, type KeyTableLookup } from '../security/keyDirectory.ts';
import { ipRateLimit, keyRateLimit } from '../security/rateLimit.ts';
import { createTokenVerifier, signInConfigured, signInGate, type VerifierDeps } from '../security/signIn.ts';
import { createMemoryLimiter, type RateLimiter } from '../security/tokenBucket.ts';
import { StoreInputError, StoreSchemaError, StoreUnavailableError } from '../store/errors.ts';
import type { Store } from '../store/Store.ts';
import type { AppEnv } from './env.ts';
import { errorBody, HttpError } from './errors.ts';
import { createJsonLogger, errorFields, type Logger } from './logger.ts';
import { requestContext } from './middleware/requestContext.ts';
import { siteAccess } from './middleware/siteAccess.ts';
import { modelFolderHealth } from './modelFolder.ts';
import { buildOpenApi } from './openapi.ts';
import { allowedMethods } from './routeMatch.ts';
import { chatRoutes } from './routes/chat.ts';
import { classifyRoutes } from './routes/classify.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/export.ts';
import { healthRoutes, type ModelHealth } from './routes/health.ts';
import { importRoutes } from './routes/import.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { messageRoutes } from './routes/messages.ts';
import { queryRoutes } from './routes/query.ts';
import { staticRoutes } from './routes/static.ts';

export const API_VERSION = '1.0.0';

export interface AppDeps {
  store: Store;
  config: Config;
  /** Defaults to JSON lines on stdout at `config.logLevel`. */
  log?: Logger;
  /** How the model is; defaults to the classifier's report once loaded, before that the model folder's files. */
  modelHealth?: () => ModelHealth | Promise<ModelHealth>;
  /** Told after messages are stored, e.g. to wake the background classifier at once. */
  onMessagesStored?: (site: string, count: number) => void;
  /** The process's classifier (share the background worker's); loaded from `config.paths.modelDir` when omitted. */
  classifier?: ClassifierHandle;
  /** Shared with the inbox worker so webhooks wake it and its events reach SSE streams at once. */
  signals?: LiveSignals;
  /** Token buckets for rate limits; defaults to this process's memory (`sa serve` passes Redis when REDIS_URL is set). */
  rateLimiter?: RateLimiter;
  /** Metrics of components built outside the app (the query cache's lookups), served with its own at /metrics. */
  metrics?: Registry[];
  /** Where keys beyond SITE_KEYS are found when SITE_KEYS_TABLE=on; defaults to the store's `site_keys` table. */
  keyTable?: KeyTableLookup;
  /** Sign-in token checks (signing keys, clock); default: from the configuration. */
  signIn?: VerifierDeps;
}

/** The proxy's HTTP app. Everything it talks to is passed in, so tests run it on a real store in a temp dir. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, config } = deps;
  const log = deps.log ?? createJsonLogger(config.logLevel);
  const app = new Hono<AppEnv>();
  // Built on first request, once every route (including ones mounted after this function) is known.
  let openApi: Record<string, unknown> | undefined;

  const classifier = deps.classifier ?? lazyClassifier(config.paths.modelDir);
  const folderHealth = modelFolderHealth(config.paths.modelDir);
  // Until the model is first used, its files are the best evidence that it will load.
  const modelHealth =
    deps.modelHealth ?? (async () => (classifier.health().ready ? classifier.health() : folderHealth()));

  const metrics = createMetrics(deps.metrics);
  app.use('*', requestContext(log));
  app.use('*', metrics.middleware);
  app.route('/', healthRoutes({ store, config, modelHealth }));
  app.route('/', observabilityRoutes({ store, modelHealth, metrics }));

  app.route('/', staticRoutes(config.paths));
  app.get('/openapi.json', (c) => {
    openApi ??= buildOpenApi(app.routes, API_VERSION);
    return c.json(openApi);
  });

  // Browsers' origins are checked first (preflights carry no key); open local mode has no limits unless asked.
  const { security } = config;
  const keys = createKeyDirectory(
    config.siteKeys,
    security.siteKeysTable ? (deps.keyTable ?? store.siteKeys) : null,
  );
  const limits = {
    limiter: deps.rateLimiter ?? createMemoryLimiter(),
    security,
    onLimited: metrics.rateLimited,
  };
  const limited = !config.openLocalMode || security.enforceInOpenMode;
  app.use('/v1/*', corsGate({ keys, openLocalMode: config.openLocalMode }));
  if (limited) app.use('/v1/*', ipRateLimit(limits));

  const signals = deps.signals ?? createLiveSignals();
  // Webhooks authenticate with their platform's secret, not a site key, so they are mounted before siteAccess.
  app.route('/', ingestRoutes({ store, config, signals }));

  // Everything under /v1 acts for one site; the caller is identified before any handler runs, and each
  // check after that reads the caller's key: its origins, its budget, its sign-in, its admin token.
  app.use('/v1/*', siteAccess({ openLocalMode: config.openLocalMode, keys }));
  app.use('/v1/*', keyOriginCheck());
  if (limited) app.use('/v1/*', keyRateLimit(limits));
  const verifier = signInConfigured(security.signIn)
    ? createTokenVerifier(security.signIn, deps.signIn)
    : null;
  app.use('/v1/*', signInGate(verifier));
  app.use('/v1/*', adminGate(security));
  app.route('/', queryRoutes(store));
  app.route('/', messageRoutes(store, deps.onMessagesStored));
  app.route('/', exportRoutes(store));
  app.route('/', importRoutes(store, deps.onMessagesStored));
  app.route('/', chatRoutes(chatDepsFromConfig(config, store)));
  app.route('/', classifyRoutes({ classifier }));
  app.route('/', eventRoutes({ store, signals }));

  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return c.json(
        errorBody(
          'bad_request',
          `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`,
        ),
        405,
      );
    }
    return c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message, error.details), error.status as 400);
    }
    if (error instanceof StoreInputError) {
      const details = error.issues.length > 0 ? error.issues : undefined;
      return c.json(errorBody('bad_request', error.message, details), 400);
    }
    if (error instanceof StoreSchemaError) {
      (c.get('log') ?? log).error('store schema out of date', errorFields(error));
      c.header('Retry-After', '60');
      return c.json(errorBody('store_unavailable', error.message), 503);
    }
    if (error instanceof StoreUnavailableError) {
      c.get('log')?.warn('store unavailable', errorFields(error));
      c.header('Retry-After', String(error.retryAfterSeconds));
      return c.json(errorBody('store_unavailable', 'the database cannot be reached; retry shortly'), 503);
    }
    (c.get('log') ?? log).error('unhandled error', errorFields(error));
    return c.json(
      errorBody('internal', `internal error; quote request id ${c.get('requestId')} when reporting it`),
      500,
    );
  });

  return app;
}
