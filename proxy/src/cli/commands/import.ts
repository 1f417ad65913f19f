import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseCacheEnv } from '../../cache/cacheConfig.ts';
import { invalidatingWrites } from '../../cache/cacheFromConfig.ts';
import { loadConfig } from '../../config/index.ts';
import { createJsonLogger } from '../../http/logger.ts';
import { type ImportSummary, importCsv, type MessageSink } from '../../import/importCsv.ts';
import { openStore } from '../../store/openStore.ts';
import { DEFAULT_SITE, type Store } from '../../store/Store.ts';

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error(`${file} is not a file`);
    return info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`file not found: ${file}`);
    throw error;
  }
}

function report(summary: ImportSummary): string {
  const lines = [
    `rows ${summary.rows}: ${summary.imported} imported, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.error_count} rejected`,
    ...summary.errors.map((e) => `line ${e.line}: ${e.reason}`),
  ];
  if (summary.error_count > summary.errors.length) {
    lines.push(`… and ${summary.error_count - summary.errors.length} more rejected rows`);
  }
  return `${lines.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'import messages from a CSV file (id,source,conversation_id,author_role,created_at,text[,topics,sentiment])',
    )
    .argument('<file.csv>', 'UTF-8 CSV with a header row')
    .option('--site <id>', 'site the messages belong to', DEFAULT_SITE)
    .option('--batch-size <n>', 'rows per transaction', '1000')
    .action(async (file: string, opts: { site: string; batchSize: string }, command: Command) => {
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        throw new Error(`--batch-size must be a whole number ≥ 1, got "${opts.batchSize}"`);
      }
      const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
      const fullPath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
      const size = await fileSize(fullPath);
      // The store opens on the first batch, so a bad header is reported without waiting for the database.
      let opened: Promise<Store> | undefined;
      const sink: MessageSink = {
        upsertMessages: async (site, batch) => {
          opened ??= openStore(config.store).then((store) =>
            invalidatingWrites(store, {
              settings: parseCacheEnv(process.env).cache,
              redisUrl: config.redisUrl,
              log: createJsonLogger(config.logLevel),
            }),
          );
          return (await opened).upsertMessages(site, batch);
        },
      };
      const bar = new SingleBar({
        stream: process.stderr,
        format: 'importing [{bar}] {percentage}% | {rows} rows, {rejected} rejected',
        hideCursor: true,
      });
      bar.start(size, 0, { rows: 0, rejected: 0 });
      try {
        const summary = await importCsv(createReadStream(fullPath), sink, opts.site, {
          batchSize,
          onProgress: (p) => bar.update(p.bytes, { rows: p.rows, rejected: p.error_count }),
        });
        bar.update(size);
        bar.stop();
        process.stdout.write(report(summary));
        if (summary.error_count > 0) process.exitCode = 2;
      } finally {
        bar.stop();
        if (opened) await (await opened).close();
      }
    });
}
