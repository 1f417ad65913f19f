import { Classifier } from '@sa/shared/classifier';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { BackgroundClassifier } from '../../classify/backgroundWorker.ts';
import { loadConfig } from '../../config/index.ts';
import { openStore } from '../../store/openStore.ts';

export function register(program: Command): void {
  program
    .command('reclassify')
    .description(
      'after a model update: mark every model-labelled message and label it again (human labels stay)',
    )
    .option('--site <id>', 'only this site (default: every site)')
    .option('--model <dir>', 'model folder (default: MODEL_DIR, else the shipped model)')
    .action(async (opts: { site?: string; model?: string }, command: Command) => {
      const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
      const classifier = await Classifier.load({ model: opts.model ?? config.paths.modelDir });
      const store = await openStore(config.store);
      const bar = new SingleBar({
        stream: process.stderr,
        format: 'relabelling [{bar}] {value}/{total} messages',
        hideCursor: true,
      });
      try {
        const marked = await store.markForReclassification(opts.site);
        bar.start(marked, 0);
        const worker = new BackgroundClassifier({
          store,
          classifier,
          onLabelled: (labels) => bar.increment(labels.length),
        });
        const relabelled = await worker.drain();
        bar.stop();
        process.stdout.write(
          `marked ${marked} model-labelled message(s); labelled ${relabelled} with model ${classifier.modelVersion}\n`,
        );
      } finally {
        bar.stop();
        await store.close();
        await classifier.dispose();
      }
    });
}
