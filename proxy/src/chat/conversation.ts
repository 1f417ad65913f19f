import type { AnalyticsQuery } from '@sa/shared';
import type { Conversation, ConversationTurn, SiteId } from '../store/Store.ts';

/** Turns kept verbatim; older ones are folded into the summary so the prompt stays bounded. */
export const KEEP_TURNS = 8;
export const MAX_SUMMARY_CHARS = 1_500;
const SUMMARY_LINE_CHARS = 160;

export function newConversation(site: SiteId, id: string, at: string): Conversation {
  return { id, site, turns: [], summary: null, updated_at: at };
}

/** The query a follow-up inherits: the newest turn that ran one. */
export function lastQuery(conversation: Conversation | null): AnalyticsQuery | null {
  if (!conversation) return null;
  for (let i = conversation.turns.length - 1; i >= 0; i--) {
    const query = conversation.turns[i]?.query;
    if (query) return query;
  }
  return null;
}

function line(turn: ConversationTurn): string {
  const text = turn.content.replace(/\s+/g, ' ').trim();
  const short = text.length > SUMMARY_LINE_CHARS ? `${text.slice(0, SUMMARY_LINE_CHARS - 1)}…` : text;
  return `${turn.role === 'user' ? 'Asked' : 'Answered'}: ${short}`;
}

/**
 * The conversation with a new exchange appended. Turns beyond KEEP_TURNS move into the summary (one short
 * line each, oldest lines dropped past MAX_SUMMARY_CHARS); the newest turn that ran a query always stays, so
 * follow-ups keep working however long the conversation gets.
 */
export function appendExchange(
  conversation: Conversation,
  turns: ConversationTurn[],
  at: string,
): Conversation {
  const all = [...conversation.turns, ...turns];
  const keep = all.slice(-KEEP_TURNS);
  const dropped = all.slice(0, Math.max(0, all.length - KEEP_TURNS));
  const newestQuery = lastQuery({ ...conversation, turns: all });
  if (newestQuery && !keep.some((t) => t.query)) {
    const carrier = [...dropped].reverse().find((t) => t.query);
    if (carrier) keep.unshift({ ...carrier, content: line(carrier) });
  }
  let summary = conversation.summary;
  if (dropped.length > 0) {
    const lines = [...(summary ? summary.split('\n') : []), ...dropped.map(line)];
    while (lines.join('\n').length > MAX_SUMMARY_CHARS && lines.length > 1) lines.shift();
    summary = lines.join('\n');
  }
  return { ...conversation, turns: keep, summary, updated_at: at };
}
