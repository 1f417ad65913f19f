import { MessageInput } from '@sa/shared';
import { TOPIC_SEPARATOR } from './columns.ts';
import type { ColumnIndex } from './header.ts';

export type RowResult = { ok: true; message: MessageInput } | { ok: false; reason: string };

/**
 * One CSV record to a validated MessageInput. Empty label cells mean "no
 * label"; anything else is checked by the shared schema, and every problem
 * of the row is named in one reason.
 */
export function rowToMessage(fields: readonly string[], columns: ColumnIndex, width: number): RowResult {
  if (fields.length !== width) {
    return { ok: false, reason: `expected ${width} fields like the header, got ${fields.length}` };
  }
  if (fields.some((f) => f.includes('\uFFFD'))) {
    return { ok: false, reason: 'contains bytes that are not valid UTF-8 (save the file as UTF-8)' };
  }
  const cell = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? ''));
  const candidate: Record<string, unknown> = {
    id: cell(columns.id).trim(),
    source: cell(columns.source).trim(),
    conversation_id: cell(columns.conversation_id).trim(),
    author_role: cell(columns.author_role).trim(),
    created_at: cell(columns.created_at).trim(),
    text: cell(columns.text),
  };
  const topics = cell(columns.topics)
    .split(TOPIC_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (topics.length > 0) candidate.topics = [...new Set(topics)];
  const sentiment = cell(columns.sentiment).trim();
  if (sentiment !== '') candidate.sentiment = sentiment;

  const parsed = MessageInput.safeParse(candidate);
  if (parsed.success) return { ok: true, message: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => {
      const field = issue.path[0] === undefined ? 'row' : String(issue.path[0]);
      const raw = field === 'topics' ? cell(columns.topics) : candidate[field];
      const value = typeof raw === 'string' && field !== 'text' ? ` (got "${raw}")` : '';
      return `${field}: ${issue.message}${value}`;
    })
    .join('; ');
  return { ok: false, reason };
}
