import { MessageText, Sentiment, Topic } from '@sa/shared';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** One labelled message of an evaluation file, with the CSV line it came from. */
export interface LabelledText {
  line: number;
  text: string;
  topics: Topic[];
  sentiment: Sentiment;
}

/** A labelled CSV that cannot be evaluated; `problems` name each bad line. */
export class LabelledCsvError extends Error {
  override readonly name = 'LabelledCsvError';
  constructor(
    readonly problems: { line: number; message: string }[],
    summary?: string,
  ) {
    const shown = problems
      .slice(0, 5)
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(summary ?? `${shown}${more}`);
  }
}

const REQUIRED = ['text', 'topics', 'sentiment'] as const;

const Row = z.object({
  text: MessageText,
  topics: z
    .string()
    .transform((s) =>
      s
        .split('|')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(Topic).min(1, 'topics is empty; give at least one topic, |-separated')),
  sentiment: z.string().trim().pipe(Sentiment),
});

/**
 * Reads an evaluation CSV: the analytics.md import columns (only `text` is needed here) plus the
 * `topics` (`|`-separated) and `sentiment` gold labels. Every bad line is reported, none skipped,
 * because a silently shrunk gold set would make the metrics lie.
 */
export function readLabelledCsv(content: string): LabelledText[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, { columns: true, bom: true, info: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new LabelledCsvError([{ line, message: (error as Error).message }]);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = REQUIRED.filter((c) => records.length > 0 && !header.includes(c));
  if (records.length === 0) throw new LabelledCsvError([], 'the CSV has no data rows');
  if (missing.length > 0) {
    throw new LabelledCsvError(
      [],
      `the CSV lacks the column(s) ${missing.join(', ')} (needs ${REQUIRED.join(', ')})`,
    );
  }

  const rows: LabelledText[] = [];
  const problems: { line: number; message: string }[] = [];
  for (const { record, info } of records) {
    const parsed = Row.safeParse(record);
    if (parsed.success) rows.push({ line: info.lines, ...parsed.data });
    else {
      const issue = parsed.error.issues[0];
      problems.push({ line: info.lines, message: `${issue?.path.join('.')}: ${issue?.message}` });
    }
  }
  if (problems.length > 0) throw new LabelledCsvError(problems);
  return rows;
}
