import type { StoredMessage } from '@sa/shared';
import { stringify } from 'csv-stringify/sync';

/** CSV columns: the import's columns first (analytics.md), so an export reads back with `sa import`. */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'source',
  'conversation_id',
  'author_role',
  'created_at',
  'text',
  'topics',
  'sentiment',
  'topic_scores',
  'model_version',
  'labelled_by',
] as const;

function csvRow(message: StoredMessage): Record<(typeof EXPORT_CSV_COLUMNS)[number], string> {
  return {
    id: message.id,
    source: message.source,
    conversation_id: message.conversation_id,
    author_role: message.author_role,
    created_at: message.created_at,
    text: message.text,
    topics: message.topics.join('|'),
    sentiment: message.sentiment ?? '',
    topic_scores: Object.keys(message.topic_scores).length > 0 ? JSON.stringify(message.topic_scores) : '',
    model_version: message.model_version ?? '',
    labelled_by: message.labelled_by,
  };
}

export type PageSource = AsyncIterable<StoredMessage[]>;

/**
 * Encodes pages of messages as a byte stream, one page per pull: the next page is fetched only
 * when the client has taken the previous one, so memory holds one page whatever the export's size.
 * A store failure mid-way errors the stream, so the client sees a broken transfer, never a file
 * that looks complete.
 */
function pagedStream(
  pages: PageSource,
  encodePage: (page: StoredMessage[], first: boolean) => string,
  head: string,
  tail: string,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (head) controller.enqueue(encoder.encode(head));
      },
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            if (tail) controller.enqueue(encoder.encode(tail));
            controller.close();
            return;
          }
          if (next.value.length === 0) return;
          controller.enqueue(encoder.encode(encodePage(next.value, first)));
          first = false;
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

export function csvExportStream(
  pages: PageSource,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const header = stringify([], { header: true, columns: [...EXPORT_CSV_COLUMNS] });
  return pagedStream(
    pages,
    (page) => stringify(page.map(csvRow), { header: false, columns: [...EXPORT_CSV_COLUMNS] }),
    header,
    '',
    onError,
  );
}

/** A JSON array written element by element; the whole document is valid JSON once the stream ends. */
export function jsonExportStream(
  pages: PageSource,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  return pagedStream(
    pages,
    (page, first) => (first ? '\n' : ',\n') + page.map((message) => JSON.stringify(message)).join(',\n'),
    '[',
    '\n]\n',
    onError,
  );
}
