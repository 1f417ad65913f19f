import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { openStore } from '../../store/openStore.ts';
import { DEFAULT_SITE, type DeadLetter, type Store } from '../../store/Store.ts';

/** `sa inbox dead-letters` and `sa inbox retry <seq>`: the webhook events the inbox worker gave up on. */
export function register(program: Command): void {
  const inbox = program
    .command('inbox')
    .description('the webhook inbox: list dead letters, put one back in the queue');

  inbox
    .command('dead-letters')
    .description(
      'webhook events that could not be stored, newest first, with the error (--json: with payloads)',
    )
    .option('--site <id>', `site (default ${DEFAULT_SITE})`, DEFAULT_SITE)
    .option('--limit <n>', 'how many (1-1000)', '50')
    .option('--json', 'one JSON array with the payloads, for scripts')
    .action(async (opts: { site: string; limit: string; json?: boolean }, command: Command) => {
      const limit = wholeNumber(opts.limit, '--limit');
      await withStore(command, async (store) => {
        const dead = await store.deadLetters(opts.site, limit);
        process.stdout.write(opts.json ? `${JSON.stringify(dead, null, 2)}\n` : describe(dead, opts.site));
      });
    });

  inbox
    .command('retry <seq>')
    .description('put a dead letter back in the queue with fresh attempts (seq from `sa inbox dead-letters`)')
    .option('--site <id>', `site (default ${DEFAULT_SITE})`, DEFAULT_SITE)
    .action(async (seq: string, opts: { site: string }, command: Command) => {
      const n = wholeNumber(seq, 'seq');
      await withStore(command, async (store) => {
        if (!(await store.retryDeadLetter(opts.site, n))) {
          throw new Error(
            `site ${opts.site} has no dead letter with seq ${n}; list them with \`sa inbox dead-letters --site ${opts.site}\``,
          );
        }
        process.stdout.write(
          `dead letter ${n} is queued again; a running proxy's inbox worker picks it up\n`,
        );
      });
    });
}

async function withStore(command: Command, work: (store: Store) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
  const store = await openStore(config.store);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function wholeNumber(value: string, what: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`${what} must be a positive whole number, got "${value}"`);
  return n;
}

function describe(dead: DeadLetter[], site: string): string {
  if (dead.length === 0) return `no dead letters for site ${site}\n`;
  const lines = dead.map(
    (d) =>
      `${d.seq}\t${d.id}\trevision ${d.revision}\t${d.attempts} attempt(s)\t${d.received_at}\t${d.error ?? ''}`,
  );
  return `${['seq\tmessage id\trevision\tattempts\treceived\terror', ...lines].join('\n')}\n`;
}
