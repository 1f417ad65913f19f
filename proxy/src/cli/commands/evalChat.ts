import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Provider } from '@sa/shared';
import type { Command } from 'commander';
import { formatEvalReport, parseEvalLines, runEval } from '../../chat/evalChat.ts';
import { chatDepsFromConfig } from '../../chat/providers/index.ts';
import { loadConfig } from '../../config/index.ts';
import { openStore } from '../../store/index.ts';
import { DEFAULT_SITE } from '../../store/Store.ts';

export function register(program: Command): void {
  program
    .command('eval-chat')
    .description(
      'run a JSONL question set through the chat and score the queries it ran (see proxy/src/chat/README.md)',
    )
    .requiredOption('--data <file.jsonl>', 'question set: one JSON object per line')
    .option('--provider <name>', 'openai | gemini | local (default: local)', 'local')
    .option('--site <id>', 'site whose messages the queries read', DEFAULT_SITE)
    .option('--json', 'print one JSON object instead of a table')
    .action(
      async (opts: { data: string; provider: string; site: string; json?: boolean }, command: Command) => {
        const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
        const provider = Provider.safeParse(opts.provider);
        if (!provider.success)
          throw new Error(`--provider must be one of openai, gemini, local (got "${opts.provider}")`);
        const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.data);
        const content = await readFile(file, 'utf8').catch((error: Error) => {
          throw new Error(`cannot read --data ${file}: ${error.message}`);
        });
        const lines = parseEvalLines(content);
        const store = await openStore(config.store);
        try {
          const started = performance.now();
          const report = await runEval(lines, {
            deps: chatDepsFromConfig(config, store),
            site: opts.site,
            provider: provider.data,
            runId: `eval-${randomUUID().slice(0, 8)}`,
            now: new Date(),
          });
          const seconds = (performance.now() - started) / 1000;
          if (opts.json) process.stdout.write(`${JSON.stringify({ data: file, seconds, ...report })}\n`);
          else {
            process.stdout.write(`${formatEvalReport(report)}\n`);
            process.stderr.write(`${lines.length} turns in ${seconds.toFixed(2)} s\n`);
          }
        } finally {
          await store.close();
        }
      },
    );
}
