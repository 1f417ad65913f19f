import { SENTIMENTS, TOPICS } from '@sa/shared';
import type { ClassificationResult } from '@sa/shared/classifier';
import type { EvaluationReport } from './evaluate.ts';

const num = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `sa classify`: the given topics with scores, the sentiment, and the rest of the scores for context. */
export function formatClassification(text: string, result: ClassificationResult): string {
  const given = new Set<string>(result.topics);
  const rows = Object.entries(result.topic_scores)
    .sort(([, a], [, b]) => b - a)
    .map(([topic, score]) => [given.has(topic) ? `* ${topic}` : `  ${topic}`, num(score)]);
  const sentiments = SENTIMENTS.map((s) => `${s} ${num(result.sentiment_scores[s])}`).join(', ');
  return [
    `text: ${JSON.stringify(text)}`,
    `topics: ${result.topics.join(', ')}`,
    `sentiment: ${result.sentiment} (${sentiments})`,
    `model: ${result.model_version}`,
    '',
    table(['topic (* = given)', 'score'], rows),
  ].join('\n');
}

/** `sa eval-classifier`: per-topic table, the summary metrics, and the sentiment confusion matrix. */
export function formatEvaluation(report: EvaluationReport): string {
  const t = report.topics;
  const topicRows = TOPICS.map((topic) => {
    const s = t.per_topic[topic];
    return [topic, num(s.precision), num(s.recall), num(s.f1), String(s.support), String(s.predicted)];
  });
  const confusionRows = SENTIMENTS.map((g) => [
    g,
    ...SENTIMENTS.map((p) => String(report.sentiment.confusion[g][p])),
    pct(report.sentiment.per_sentiment[g].recall),
  ]);
  return [
    `${report.count} messages`,
    '',
    table(['topic', 'precision', 'recall', 'f1', 'support', 'predicted'], topicRows),
    '',
    `topic micro-F1   ${num(t.micro.f1)} (precision ${num(t.micro.precision)}, recall ${num(t.micro.recall)})`,
    `topic macro-F1   ${num(t.macro_f1)}`,
    `exact topic set  ${pct(t.exact_match)}`,
    `sentiment acc.   ${pct(report.sentiment.accuracy)}`,
    '',
    'sentiment confusion (rows: gold, columns: predicted)',
    table(['gold \\ predicted', ...SENTIMENTS, 'recall'], confusionRows),
  ].join('\n');
}
