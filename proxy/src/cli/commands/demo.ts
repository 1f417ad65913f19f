import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { type Config, describeStoreTarget, loadConfig, REPO_ROOT } from '../../config/index.ts';
import { DEMO_DEFAULTS, generateDemoMessages } from '../../demo/generate.ts';
import { seedStore } from '../../demo/seed.ts';
import { createJsonLogger } from '../../http/logger.ts';
import { DEMO_PAGES } from '../../http/routes/static.ts';
import { openStore } from '../../store/openStore.ts';
import { DEFAULT_SITE, type Store } from '../../store/Store.ts';
import { startProxy, startupLines, stopOnSignals } from './serve.ts';

/** The widget is built when its loader and a demo page are both there. */
export async function widgetIsBuilt(widgetDist: string): Promise<boolean> {
  const present = async (file: string) =>
    access(path.join(widgetDist, file)).then(
      () => true,
      () => false,
    );
  if (!(await present('widget.js'))) return false;
  for (const page of DEMO_PAGES) if (await present(page)) return true;
  return false;
}

/** Runs the widget's own build (`pnpm --filter @sa/widget build`), its output on our stderr. */
export function buildWidget(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@sa/widget', 'build'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.once('error', (error) =>
      reject(new Error(`cannot run pnpm to build the widget: ${error.message}`)),
    );
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `the widget build failed (${signal ?? `exit ${code}`}); run \`pnpm --filter @sa/widget build\` to see why`,
          ),
        );
    });
  });
}

/** Fills an empty store with demo traffic for site `default`; a store with messages is left as it is. */
export async function seedIfEmpty(store: Store, count: number): Promise<number> {
  if ((await store.countMessages(DEFAULT_SITE)) > 0) return 0;
  const { messages } = generateDemoMessages({ count, days: DEMO_DEFAULTS.days, seed: DEMO_DEFAULTS.seed });
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'seeding demo data [{bar}] {percentage}% | {value}/{total} messages',
    hideCursor: true,
  });
  bar.start(messages.length, 0);
  try {
    const result = await seedStore(store, DEFAULT_SITE, messages, {
      onProgress: (written) => bar.update(written),
    });
    return result.inserted;
  } finally {
    bar.stop();
  }
}

function demoLines(config: Config, url: string, seeded: number): string[] {
  return [
    ...startupLines(config, url),
    seeded > 0 ? `seeded ${seeded} demo messages` : 'store already has messages: not seeded',
    '',
    `  demo admin page   ${url}/`,
    `  widget loader     ${url}/widget/widget.js`,
    `  health            ${url}/healthz`,
    `  API description   ${url}/openapi.json`,
    '',
    'Ctrl-C stops it.',
  ];
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError(`--count must be a whole number ≥ 1, got "${value}"`);
  }
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'seed demo data if the store is empty, build the widget if needed, and serve the demo admin page',
    )
    .option('--port <n>', 'port to listen on (default PORT, else 8787)')
    .option('--count <n>', 'customer messages to seed into an empty store', wholeNumber, DEMO_DEFAULTS.count)
    .action(async (options: { port?: string; count: number }, command: Command) => {
      const { db } = command.optsWithGlobals<{ db?: string }>();
      const config = loadConfig(process.env, {
        ...(db ? { db } : {}),
        ...(options.port ? { port: options.port } : {}),
      });
      const log = createJsonLogger(config.logLevel);
      if (!(await widgetIsBuilt(config.paths.widgetDist))) {
        process.stderr.write(`building the widget into ${config.paths.widgetDist}\n`);
        await buildWidget();
      }
      process.stderr.write(`opening ${describeStoreTarget(config.store)}\n`);
      const store = await openStore(config.store);
      try {
        const seeded = await seedIfEmpty(store, options.count);
        const proxy = await startProxy(config, store, log);
        for (const line of demoLines(config, proxy.url, seeded)) process.stdout.write(`${line}\n`);
        stopOnSignals(proxy, log);
      } catch (error) {
        await store.close();
        throw error;
      }
    });
}
