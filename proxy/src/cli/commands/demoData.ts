import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { writeLabelledCsv } from '../../demo/csv.ts';
import { DEMO_DEFAULTS, generateDemoMessages } from '../../demo/generate.ts';

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
    .action(async (opts: { count: number; days: number; seed: number; now?: Date; out?: string }) => {
      const { messages } = generateDemoMessages({
        count: opts.count,
        days: opts.days,
        seed: opts.seed,
        now: opts.now ?? new Date(),
      });
      if (!opts.out)
        throw new Error('writing demo data into the store is not available yet; pass --out <file.csv>');
      const file = userPath(opts.out);
      await writeLabelledCsv(messages, createWriteStream(file));
      process.stderr.write(`wrote ${messages.length} messages (${opts.count} from customers) to ${file}\n`);
    });
}
