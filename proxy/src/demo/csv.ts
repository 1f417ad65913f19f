import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { LABELLED_CSV_COLUMNS, TOPIC_SEPARATOR } from '../import/columns.ts';
import type { DemoMessage } from './generate.ts';

/**
 * Writes messages as a labelled CSV (analytics.md columns plus `topics` and
 * `sentiment`), the same format `importCsv` reads back, streamed so a large
 * file never sits in memory as one string.
 */
export async function writeLabelledCsv(messages: Iterable<DemoMessage>, out: Writable): Promise<void> {
  const rows = function* () {
    for (const m of messages) {
      yield [
        m.id,
        m.source,
        m.conversation_id,
        m.author_role,
        m.created_at,
        m.text,
        m.topics.join(TOPIC_SEPARATOR),
        m.sentiment,
      ];
    }
  };
  await pipeline(Readable.from(rows()), stringify({ header: true, columns: [...LABELLED_CSV_COLUMNS] }), out);
}
