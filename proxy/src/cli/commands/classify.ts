import { Classifier } from '@sa/shared/classifier';
import type { Command } from 'commander';
import { formatClassification } from '../../classify/format.ts';
import { loadConfig } from '../../config/index.ts';

export function register(program: Command): void {
  program
    .command('classify')
    .description('classify one or more texts with the model: topics with scores and the sentiment')
    .argument('<text...>', 'the message text(s) to classify')
    .option('--model <dir>', 'model folder (default: MODEL_DIR, else the shipped model)')
    .option('--json', 'print one JSON object: { results }')
    .action(async (texts: string[], opts: { model?: string; json?: boolean }, command: Command) => {
      const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
      const classifier = await Classifier.load({ model: opts.model ?? config.paths.modelDir, warmup: false });
      try {
        const results = await classifier.classify(texts);
        if (opts.json) process.stdout.write(`${JSON.stringify({ results })}\n`);
        else {
          const blocks = results.map((r, i) => formatClassification(texts[i] as string, r));
          process.stdout.write(`${blocks.join('\n\n')}\n`);
        }
      } finally {
        await classifier.dispose();
      }
    });
}
