import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Classifier } from '@sa/shared/classifier';
import type { Command } from 'commander';
import { evaluateClassifier, type LabelSet } from '../../classify/evaluate.ts';
import { formatEvaluation } from '../../classify/format.ts';
import { readLabelledCsv } from '../../classify/labelledCsv.ts';
import { builtInLabels } from '../../classify/modelLabels.ts';
import { loadConfig } from '../../config/index.ts';

export function register(program: Command): void {
  program
    .command('eval-classifier')
    .description(
      'score the model on a labelled CSV: per-topic P/R/F1, micro/macro F1, exact match, sentiment',
    )
    .requiredOption('--data <file.csv>', 'labelled CSV with text, topics (|-separated) and sentiment columns')
    .option('--model <dir>', 'model folder (default: MODEL_DIR, else the shipped model)')
    .option('--json', 'print one JSON object instead of tables')
    .action(async (opts: { data: string; model?: string; json?: boolean }, command: Command) => {
      const config = loadConfig(process.env, { db: command.optsWithGlobals<{ db?: string }>().db });
      const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.data);
      const content = await readFile(file, 'utf8').catch((error: Error) => {
        throw new Error(`cannot read --data ${file}: ${error.message}`);
      });
      const rows = readLabelledCsv(content);
      const classifier = await Classifier.load({ model: opts.model ?? config.paths.modelDir });
      try {
        const started = performance.now();
        const results = await classifier.classify(rows.map((r) => r.text));
        const seconds = (performance.now() - started) / 1000;
        // Compared as the store would keep them: built-in topics only, `other` when none is left.
        const predicted: LabelSet[] = results.map((r) => builtInLabels(r));
        const report = evaluateClassifier(rows, predicted);
        const meta = { data: file, model_version: classifier.modelVersion, seconds };
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...meta, ...report })}\n`);
        else {
          process.stdout.write(`${formatEvaluation(report)}\n`);
          process.stderr.write(
            `model ${meta.model_version}; ${rows.length} messages in ${seconds.toFixed(2)} s\n`,
          );
        }
      } finally {
        await classifier.dispose();
      }
    });
}
