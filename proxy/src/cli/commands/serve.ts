import type { Command } from 'commander';
import { parseCacheEnv } from '../../cache/cacheConfig.ts';
import { queryCacheFromConfig } from '../../cache/cacheFromConfig.ts';
import { BackgroundClassifier } from '../../classify/backgroundWorker.ts';
import { lazyClassifier } from '../../classify/classifierHandle.ts';
import {
  type Config,
  ConfigError,
  type ConfigOverrides,
  describeStoreTarget,
  type Env,
  loadConfig,
} from '../../config/index.ts';
import { createLiveSignals } from '../../events/liveSignals.ts';
import { createApp } from '../../http/app.ts';
import { createJsonLogger, errorFields, type Logger } from '../../http/logger.ts';
import { listen } from '../../http/server.ts';
import { lazyClassifierThread } from '../../ingest/classifierThread.ts';
import { InboxWorker } from '../../ingest/inboxWorker.ts';
import { parseInboxRetention, startInboxRetention } from '../../ingest/retention.ts';
import { rateLimiterFromConfig } from '../../security/limiterFromConfig.ts';
import { openStore } from '../../store/openStore.ts';
import type { Store } from '../../store/Store.ts';

export interface RunningProxy {
  url: string;
  store: Store;
  /** Drains in-flight requests, stops the classifier, closes the store. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the proxy on an open store: HTTP app, background classifier, listening socket. Everything gets the
 * store through the query cache (QUERY_CACHE* in `env`), so every write path invalidates what it changes.
 */
export async function startProxy(
  config: Config,
  openedStore: Store,
  log: Logger,
  env: Env = process.env,
): Promise<RunningProxy> {
  const { cache: cacheSettings, issues } = parseCacheEnv(env);
  const retention = parseInboxRetention(env);
  if (issues.length + retention.issues.length > 0) throw new ConfigError([...issues, ...retention.issues]);
  const cache = queryCacheFromConfig(cacheSettings, config.redisUrl, openedStore, log);
  const store = cache?.store ?? openedStore;
  const classifier = lazyClassifier(config.paths.modelDir);
  const worker = new BackgroundClassifier({
    store,
    classifier: () => classifier.get(),
    onError: (error) => log.warn('background classification failed; retrying later', errorFields(error)),
  });
  const signals = createLiveSignals();
  // The webhook inbox classifies on a thread of its own, off the event loop that receives the webhooks.
  const inboxClassifier = lazyClassifierThread(config.paths.modelDir);
  const inbox = new InboxWorker({
    store,
    classifier: () => inboxClassifier.get(),
    signals,
    onError: (error) => log.warn('webhook inbox round failed; retrying later', errorFields(error)),
  });
  const rateLimiter = rateLimiterFromConfig(config, log);
  const app = createApp({
    store,
    config,
    log,
    rateLimiter,
    classifier,
    signals,
    ...(cache ? { metrics: [cache.metrics.registry] } : {}),
    onMessagesStored: () => worker.wake(),
  });
  const server = await listen(app, config.host, config.port);
  worker.start();
  inbox.start();
  const pruning = startInboxRetention({
    store,
    olderThanSeconds: retention.seconds,
    onPruned: (pruned) => log.info('pruned processed webhook inbox rows and old live events', { ...pruned }),
    onError: (error) => log.warn('inbox pruning failed; retrying at the next pass', errorFields(error)),
  });
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    store,
    stop() {
      stopping ??= (async () => {
        await server.close();
        await worker.stop();
        await inbox.stop();
        await pruning.stop();
        await classifier.dispose();
        await inboxClassifier.dispose();
        await rateLimiter.close();
        await cache?.close();
        await store.close();
      })();
      return stopping;
    },
  };
}

/** Lines for a person at the terminal; the JSON logs follow on stdout. */
export function startupLines(config: Config, url: string): string[] {
  const lines = [`proxy listening on ${url}`, `store: ${describeStoreTarget(config.store)}`];
  if (config.openLocalMode) {
    lines.push(
      `open local mode: no SITE_KEYS, so bound to ${config.host} only, no key needed, every request is site "default"`,
    );
  } else {
    const table = config.security.siteKeysTable ? ' plus the site_keys table' : '';
    lines.push(`${config.siteKeys.length} site key(s) in SITE_KEYS${table}; requests need X-Site-Key: <key>`);
    if (!config.security.adminTokenSha256) {
      lines.push(
        'ADMIN_TOKEN is not set: admin routes (import, export, POST /v1/messages) accept only keys with their own admin token',
      );
    }
  }
  lines.push(`chat providers: ${config.chat.available.join(', ')} (default ${config.chat.defaultProvider})`);
  return lines;
}

/**
 * Stops the proxy on SIGINT / SIGTERM. Wrappers (pnpm, tsx) pass a terminal's Ctrl-C on while the
 * terminal also sends it to us, so a repeat within a second is the same request; a later one, while
 * still draining, exits at once.
 */
export function stopOnSignals(proxy: RunningProxy, log: Logger): void {
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (Date.now() - firstAt > 1000) process.exit(130);
      return;
    }
    firstAt = Date.now();
    log.info('shutting down: draining requests', { signal });
    proxy.stop().then(
      () => {
        log.info('stopped');
        exitSoon(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', errorFields(error));
        exitSoon(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Exits once pending output is written, or after a moment if some library still holds the loop open. */
function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the proxy alone on the chosen store (no demo seeding, no demo page build)')
    .option('--port <n>', 'port to listen on (default PORT, else 8787; 0 picks a free one)')
    .action(async (options: { port?: string }, command: Command) => {
      const { db } = command.optsWithGlobals<{ db?: string }>();
      await serve({ ...(db ? { db } : {}), ...(options.port ? { port: options.port } : {}) });
    });
}

/**
 * `sa serve`: the proxy on the store the environment (or `overrides`) names, until SIGINT / SIGTERM. Also the
 * whole of the proxy bundle (proxy/dist/server.mjs), which is this without the rest of the CLI.
 */
export async function serve(overrides: ConfigOverrides = {}): Promise<RunningProxy> {
  const config = loadConfig(process.env, overrides);
  const log = createJsonLogger(config.logLevel);
  const store = await openStore(config.store);
  const proxy = await startProxy(config, store, log).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  for (const line of startupLines(config, proxy.url)) process.stdout.write(`${line}\n`);
  stopOnSignals(proxy, log);
  return proxy;
}
