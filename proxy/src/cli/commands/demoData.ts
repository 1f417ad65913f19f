import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { describeStoreTarget, loadConfig, type StoreTarget } from '../../config/index.ts';
import { writeLabelledCsv } from '../../demo/csv.ts';
import { DEMO_DEFAULTS, type DemoMessage, generateDemoMessages } from '../../demo/generate.ts';
import { seedStore } from '../../demo/seed.ts';
import { openStore } from '../../store/openStore.ts';
import { DEFAULT_SITE } from '../../store/Store.ts';

function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}, got "${value}"`);
    }
    return Number(value);
  };
}

function isoDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`--now must be an ISO 8601 date-time, got "${value}"`);
  return date;
}

/** Paths on the command line are the user's, relative to where they ran pnpm (pnpm runs us inside proxy/). */
function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

export function register(program: Command): void {
  program
    .command('demo-data')
    .description(
      'generate realistic labelled demo support messages (into the store, or --out a labelled CSV)',
    )
    .option(
      '--count <n>',
      'customer messages (agent and bot replies come on top)',
      wholeNumber('--count', 1),
      DEMO_DEFAULTS.count,
    )
    .option('--days <n>', 'days of history ending now', wholeNumber('--days', 1), DEMO_DEFAULTS.days)
    .option(
      '--seed <n>',
      'random seed: the same seed, count, days and now give the same messages',
      wholeNumber('--seed', 0),
      DEMO_DEFAULTS.seed,
    )
    .option('--now <iso>', 'end of the generated range (default: the current time)', isoDate)
    .option(
      '--out <file.csv>',
      'write a labelled CSV (analytics.md columns + topics, sentiment) instead of the store',
    )
    .option('--site <id>', 'site the messages belong to (store only)', DEFAULT_SITE)
    .action(async (opts: DemoDataOptions, command: Command) => {
      const { messages } = generateDemoMessages({
        count: opts.count,
        days: opts.days,
        seed: opts.seed,
        now: opts.now ?? new Date(),
      });
      if (opts.out) {
        const file = userPath(opts.out);
        await writeLabelledCsv(messages, createWriteStream(file));
        process.stderr.write(`wrote ${messages.length} messages (${opts.count} from customers) to ${file}\n`);
        return;
      }
      const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
      await writeToStore(messages, config.store, opts.site);
    });
}

interface DemoDataOptions {
  count: number;
  days: number;
  seed: number;
  now?: Date;
  out?: string;
  site: string;
}

async function writeToStore(messages: DemoMessage[], target: StoreTarget, site: string): Promise<void> {
  const store = await openStore(target);
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'demo data [{bar}] {percentage}% | {value}/{total} messages',
    hideCursor: true,
  });
  bar.start(messages.length, 0);
  try {
    const result = await seedStore(store, site, messages, { onProgress: (written) => bar.update(written) });
    bar.stop();
    process.stdout.write(
      `${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged messages in ${describeStoreTarget(target)}\n`,
    );
  } finally {
    bar.stop();
    await store.close();
  }
}
