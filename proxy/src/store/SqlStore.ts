import { MessageId, MessageInput, Sentiment, StoredMessage, Topic, TopicScores } from '@sa/shared';
import { z } from 'zod';
import { AggregateResult } from '../analytics/aggregate.ts';
import { createQueryEngine } from '../analytics/runQuery.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { StoreInputError, type StoreInputIssue } from './errors.ts';
import type {
  Conversation,
  MessageFilters,
  MessagePage,
  ModelLabels,
  PendingMessage,
  SiteId,
  Store,
  UpsertResult,
} from './Store.ts';
import type { SqlFunctionCaller } from './sqlFunctions.ts';

/** What an adapter provides: calls to the migrations' SQL functions, plus its own lifecycle. */
export interface SqlConnection extends SqlFunctionCaller {
  readonly kind: Store['kind'];
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** The clock compare_previous reads to tell "this month so far" from a fixed window. */
  now?: () => Date;
}

export const MAX_PAGE_SIZE = 1000;

const UpsertCounts = z.object({
  inserted: z.coerce.number(),
  updated: z.coerce.number(),
  unchanged: z.coerce.number(),
});
const Page = z.object({
  messages: z.array(StoredMessage),
  next: z.object({ at: z.string(), id: z.string() }).nullable(),
});
const ModelLabelsBatch = z.array(
  z.object({
    site: z.string().min(1),
    id: MessageId,
    topics: z.array(Topic),
    topic_scores: TopicScores,
    sentiment: Sentiment,
    model_version: z.string().min(1),
  }),
);
const PendingList = z.array(z.object({ site: z.string(), id: z.string(), text: z.string() }));
const StoredConversation = z
  .object({
    id: z.string(),
    site: z.string(),
    turns: z.array(z.any()),
    summary: z.string().nullable(),
    updated_at: z.string(),
  })
  .nullable();

function assertSite(site: SiteId): void {
  if (typeof site !== 'string' || site.length === 0 || site.length > 200) {
    throw new StoreInputError('site must be a non-empty string of at most 200 characters', [
      { path: 'site', message: 'invalid site id' },
    ]);
  }
}

function assertLimit(limit: number, max: number, what: string): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new StoreInputError(`${what} must be an integer from 1 to ${max}, got ${limit}`, [
      { path: what, message: `must be 1..${max}` },
    ]);
  }
}

/** Every message of the batch checked before any database call: one bad row and nothing is written. */
function validateBatch(messages: unknown[]): MessageInput[] {
  const issues: StoreInputIssue[] = [];
  const valid: MessageInput[] = [];
  messages.forEach((message, index) => {
    const parsed = MessageInput.safeParse(message);
    if (parsed.success) valid.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        issues.push({ path: [index, ...issue.path].map(String).join('.'), message: issue.message });
      }
    }
  });
  if (issues.length > 0) {
    const first = issues[0] as StoreInputIssue;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new StoreInputError(
      `invalid message batch, nothing written: ${first.path}: ${first.message}${more}`,
      issues,
    );
  }
  return valid;
}

function filterArgs(filters: MessageFilters) {
  return {
    p_from: filters.from ?? null,
    p_to: filters.to ?? null,
    p_topics: filters.topics ?? null,
    p_sources: filters.sources ?? null,
    p_sentiments: filters.sentiments ?? null,
    p_roles: filters.roles ?? null,
    p_text: filters.text ?? null,
  };
}

/** The Store over the migrations' SQL functions; adapters differ only in how they call them. */
export function createSqlStore(connection: SqlConnection, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());

  async function listMessages(
    site: SiteId,
    { filters, cursor, limit }: { filters: MessageFilters; cursor?: string; limit: number },
  ): Promise<MessagePage> {
    assertSite(site);
    assertLimit(limit, MAX_PAGE_SIZE, 'limit');
    const position = cursor ? decodeCursor(cursor) : null;
    const page = Page.parse(
      await connection.call('sa_list_messages', {
        p_site: site,
        ...filterArgs(filters),
        p_before_at: position?.at ?? null,
        p_before_id: position?.id ?? null,
        p_limit: limit,
      }),
    );
    return { messages: page.messages, next_cursor: page.next ? encodeCursor(page.next) : null };
  }

  const runQuery = createQueryEngine({
    now,
    aggregate: async (site, r) =>
      AggregateResult.parse(
        await connection.call('sa_aggregate', {
          p_site: site,
          p_from: r.from,
          p_to: r.to,
          p_topics: r.topics ?? null,
          p_topics_also: r.topicsAlso ?? null,
          p_sources: r.sources ?? null,
          p_sentiments: r.sentiments ?? null,
          p_roles: r.roles,
          p_text: r.text ?? null,
          p_time: r.time ?? null,
          p_key: r.key ?? null,
          p_time_zone: r.timeZone,
          p_use_hours: r.useHours,
          p_use_days: r.useDays,
        }),
      ),
    examples: async (site, filters, limit) => (await listMessages(site, { filters, limit })).messages,
  });

  return {
    kind: connection.kind,
    migrate: () => connection.migrate(),
    ping: () => connection.ping(),
    close: () => connection.close(),

    async upsertMessages(site: SiteId, messages: MessageInput[]): Promise<UpsertResult> {
      assertSite(site);
      if (!Array.isArray(messages)) throw new StoreInputError('messages must be an array');
      const valid = validateBatch(messages);
      if (valid.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      return UpsertCounts.parse(
        await connection.call('sa_upsert_messages', { p_site: site, p_messages: valid }),
      );
    },

    async runQuery(site, query) {
      assertSite(site);
      return runQuery(site, query);
    },

    listMessages,

    async *exportMessages(site: SiteId, filters: MessageFilters, batchSize = 500) {
      let cursor: string | undefined;
      do {
        const page = await listMessages(site, { filters, limit: batchSize, ...(cursor ? { cursor } : {}) });
        if (page.messages.length > 0) yield page.messages;
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    },

    async countMessages(site: SiteId): Promise<number> {
      assertSite(site);
      return Number(await connection.call('sa_count_messages', { p_site: site }));
    },

    async pendingClassification(limit: number): Promise<PendingMessage[]> {
      assertLimit(limit, MAX_PAGE_SIZE, 'limit');
      return PendingList.parse(await connection.call('sa_pending_classification', { p_limit: limit }));
    },

    async saveModelLabels(labels: ModelLabels[]): Promise<number> {
      const parsed = ModelLabelsBatch.safeParse(labels);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.'),
          message: i.message,
        }));
        throw new StoreInputError(
          `invalid model labels, nothing written: ${issues[0]?.path}: ${issues[0]?.message}`,
          issues,
        );
      }
      if (parsed.data.length === 0) return 0;
      return Number(await connection.call('sa_save_model_labels', { p_labels: parsed.data }));
    },

    async markForReclassification(site?: SiteId): Promise<number> {
      if (site !== undefined) assertSite(site);
      return Number(await connection.call('sa_mark_for_reclassification', { p_site: site ?? null }));
    },

    async loadConversation(site: SiteId, id: string): Promise<Conversation | null> {
      assertSite(site);
      const row = StoredConversation.parse(
        (await connection.call('sa_load_conversation', { p_site: site, p_id: id })) ?? null,
      );
      return row && { ...row, turns: row.turns as Conversation['turns'] };
    },

    async saveConversation(conversation: Conversation): Promise<void> {
      assertSite(conversation.site);
      await connection.call('sa_save_conversation', {
        p_site: conversation.site,
        p_id: conversation.id,
        p_turns: conversation.turns,
        p_summary: conversation.summary,
        p_updated_at: conversation.updated_at,
      });
    },
  };
}
