import { MessageId, MessageInput, Sentiment, StoredMessage, Topic, TopicScores } from '@sa/shared';
import { z } from 'zod';
import { AggregateResult } from '../analytics/aggregate.ts';
import { createQueryEngine } from '../analytics/runQuery.ts';
import { createSiteKeyTable } from '../security/siteKeyTable.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { StoreInputError, type StoreInputIssue } from './errors.ts';
import { countAccepted, InsertedInboxKeys } from './inboxAcceptCounts.ts';
import type {
  Conversation,
  InboxCompletion,
  InboxDelivery,
  InboxFailure,
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
const Labels = z.object({
  topics: z.array(Topic),
  topic_scores: TopicScores,
  sentiment: Sentiment,
  model_version: z.string().min(1),
});
const ModelLabelsBatch = z.array(Labels.extend({ site: z.string().min(1), id: MessageId }));
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

const InboxPayload = z.record(z.string(), z.unknown());
const InboxDeliveryList = z.array(
  z.object({
    site: z.string().min(1).max(200),
    items: z.array(
      z.object({ id: MessageId, revision: z.number().int().nonnegative(), payload: InboxPayload }),
    ),
  }),
);
const InboxClaimResult = z.object({
  token: z.string(),
  items: z.array(
    z.object({
      seq: z.coerce.number(),
      site: z.string(),
      id: z.string(),
      revision: z.coerce.number(),
      attempts: z.coerce.number(),
      message: z.unknown(),
    }),
  ),
});
const InboxCompletionList = z.array(z.object({ seq: z.number().int().positive(), labels: Labels }));
const InboxCompleteCounts = z.object({
  done: z.coerce.number(),
  written: z.coerce.number(),
  last_event: z.coerce.number().nullable(),
});
const InboxFailCounts = z.object({ retried: z.coerce.number(), dead: z.coerce.number() });
const InboxRetryCount = z.object({ retried: z.coerce.number() });
const InboxPruneCounts = z.object({ inbox: z.coerce.number(), events: z.coerce.number() });
const InboxStatsResult = z.object({
  pending: z.coerce.number(),
  dead: z.coerce.number(),
  oldest_pending_at: z.string().nullable(),
  lag_ms: z.coerce.number(),
});
const DeadLetterList = z.array(
  z.object({
    seq: z.coerce.number(),
    id: z.string(),
    revision: z.coerce.number(),
    attempts: z.coerce.number(),
    error: z.string().nullable(),
    received_at: z.string(),
    payload: InboxPayload,
  }),
);
const EventsPage = z.object({
  last: z.coerce.number().nullable(),
  events: z.array(
    z.object({
      seq: z.coerce.number(),
      kind: z.enum(['message.created', 'message.updated']),
      message: StoredMessage,
    }),
  ),
});

/** A zod failure on store input as a StoreInputError (nothing is written). */
function inputError(error: z.ZodError, what: string): StoreInputError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new StoreInputError(
    `invalid ${what}, nothing written: ${issues[0]?.path}: ${issues[0]?.message}`,
    issues,
  );
}

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
    siteKeys: createSiteKeyTable(connection),

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

    async acceptInbox(deliveries: InboxDelivery[]) {
      const parsed = InboxDeliveryList.safeParse(deliveries);
      if (!parsed.success) throw inputError(parsed.error, 'inbox deliveries');
      if (parsed.data.length === 0) return [];
      const inserted = InsertedInboxKeys.parse(
        await connection.call('sa_inbox_accept_batch', { p_deliveries: parsed.data }),
      );
      return countAccepted(parsed.data, inserted);
    },

    async claimInbox(limit: number, leaseSeconds: number) {
      assertLimit(limit, MAX_PAGE_SIZE, 'limit');
      assertLimit(leaseSeconds, 3600, 'leaseSeconds');
      return InboxClaimResult.parse(
        await connection.call('sa_inbox_claim', { p_limit: limit, p_lease_seconds: leaseSeconds }),
      );
    },

    async completeInbox(token: string, results: InboxCompletion[]) {
      const parsed = InboxCompletionList.safeParse(results);
      if (!parsed.success) throw inputError(parsed.error, 'inbox completion');
      if (parsed.data.length === 0) return { done: 0, written: 0, last_event: null };
      return InboxCompleteCounts.parse(
        await connection.call('sa_inbox_complete', { p_token: token, p_results: parsed.data }),
      );
    },

    async failInbox(token: string, failures: InboxFailure[], policy) {
      assertLimit(policy.maxAttempts, 1000, 'maxAttempts');
      assertLimit(policy.backoffMs, 3_600_000, 'backoffMs');
      if (failures.length === 0) return { retried: 0, dead: 0 };
      return InboxFailCounts.parse(
        await connection.call('sa_inbox_fail', {
          p_token: token,
          p_failures: failures,
          p_max_attempts: policy.maxAttempts,
          p_backoff_ms: policy.backoffMs,
        }),
      );
    },

    async inboxStats() {
      return InboxStatsResult.parse(await connection.call('sa_inbox_stats', {}));
    },

    async deadLetters(site: SiteId, limit: number) {
      assertSite(site);
      assertLimit(limit, MAX_PAGE_SIZE, 'limit');
      return DeadLetterList.parse(await connection.call('sa_inbox_dead', { p_site: site, p_limit: limit }));
    },

    async retryDeadLetter(site: SiteId, seq: number) {
      assertSite(site);
      if (!Number.isSafeInteger(seq) || seq < 1) {
        throw new StoreInputError(`seq must be a positive inbox row number, got ${seq}`, [
          { path: 'seq', message: 'invalid inbox seq' },
        ]);
      }
      const result = InboxRetryCount.parse(
        await connection.call('sa_inbox_retry', { p_site: site, p_seq: seq }),
      );
      return result.retried > 0;
    },

    async pruneInbox(olderThanSeconds: number, limit: number) {
      assertLimit(limit, 100_000, 'limit');
      if (!Number.isSafeInteger(olderThanSeconds) || olderThanSeconds < 0 || olderThanSeconds > 2 ** 31 - 1) {
        throw new StoreInputError(
          `olderThanSeconds must be a whole number of seconds, got ${olderThanSeconds}`,
          [{ path: 'olderThanSeconds', message: 'invalid retention' }],
        );
      }
      return InboxPruneCounts.parse(
        await connection.call('sa_inbox_prune', { p_older_than_seconds: olderThanSeconds, p_limit: limit }),
      );
    },

    async lastEventId(site: SiteId) {
      assertSite(site);
      const page = EventsPage.parse(
        await connection.call('sa_events_after', { p_site: site, p_after: null, p_limit: 1 }),
      );
      return page.last;
    },

    async eventsAfter(site: SiteId, after: number, limit: number) {
      assertSite(site);
      assertLimit(limit, MAX_PAGE_SIZE, 'limit');
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new StoreInputError(`after must be a non-negative event id, got ${after}`, [
          { path: 'after', message: 'invalid event id' },
        ]);
      }
      const page = EventsPage.parse(
        await connection.call('sa_events_after', { p_site: site, p_after: after, p_limit: limit }),
      );
      return page.events;
    },
  };
}
