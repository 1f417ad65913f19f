import type {
  AnalyticsQuery,
  Filters,
  MessageInput,
  QueryResult,
  Sentiment,
  StoredMessage,
  Topic,
} from '@sa/shared';
import type { SiteKeyTable } from '../security/siteKeyTable.ts';

/** Every row belongs to one site; a proxy may serve several sites (open local mode uses `default`). */
export type SiteId = string;
export const DEFAULT_SITE: SiteId = 'default';

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Filters for listing and exporting messages: the query filters, each optional (no window = all time; no
 * roles = every role, unlike analytics queries, which default to customers).
 */
export type MessageFilters = Partial<Filters>;

export interface MessagePage {
  messages: StoredMessage[];
  /** Opaque cursor for the next page (newest first), null at the end. */
  next_cursor: string | null;
}

export interface ModelLabels {
  site: SiteId;
  id: string;
  topics: Topic[];
  topic_scores: Partial<Record<Topic, number>>;
  sentiment: Sentiment;
  model_version: string;
}

export interface PendingMessage {
  site: SiteId;
  id: string;
  text: string;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
  at: string;
  /** Filters in force after this turn (what a follow-up inherits). */
  filters?: MessageFilters;
  /** The last analytics query this turn ran: a follow-up keeps its metric and grouping unless it names others. */
  query?: AnalyticsQuery;
}

export interface Conversation {
  id: string;
  site: SiteId;
  turns: ConversationTurn[];
  /** Summary of turns dropped from `turns` to bound the prompt. */
  summary: string | null;
  updated_at: string;
}

/** One message revision a webhook delivered; `payload` holds the message fields and the platform's event. */
export interface InboxItem {
  id: string;
  /** Orders revisions of one message (an edit's time); a redelivery has the same revision. */
  revision: number;
  payload: Record<string, unknown>;
}

/** What one webhook request brought: the site it is for and its message revisions. */
export interface InboxDelivery {
  site: SiteId;
  items: InboxItem[];
}

export interface InboxAcceptResult {
  accepted: number;
  /** Items the inbox already had (redeliveries): acknowledged, not stored twice. */
  duplicates: number;
}

export interface ClaimedInboxItem {
  seq: number;
  site: SiteId;
  id: string;
  revision: number;
  /** Claims so far, this one included. */
  attempts: number;
  /**
   * The message fields the receiver read (`payload.message`), unchecked: the worker validates them. The
   * platform's event stays in the inbox row, for dead letters and replays.
   */
  message: unknown;
}

/** Rows leased to one worker; only the holder of `token` can complete or fail them while the lease lasts. */
export interface InboxClaim {
  token: string;
  items: ClaimedInboxItem[];
}

export interface InboxCompletion {
  seq: number;
  /**
   * The model's labels for the row's message. The store writes the message from the row itself (skipped when a
   * newer revision of it was written already), so its fields never make the round trip through the worker.
   */
  labels: Omit<ModelLabels, 'site' | 'id'>;
}

export interface InboxCompleteResult {
  /** Inbox rows marked done (rows whose lease had passed to another worker are not). */
  done: number;
  written: number;
  /** The newest live event this completion appended, null when none. */
  last_event: number | null;
}

export interface InboxFailure {
  seq: number;
  error: string;
}

export interface InboxStats {
  pending: number;
  dead: number;
  oldest_pending_at: string | null;
  /** How long the oldest pending row has waited. */
  lag_ms: number;
}

export interface DeadLetter {
  seq: number;
  id: string;
  revision: number;
  attempts: number;
  error: string | null;
  received_at: string;
  payload: Record<string, unknown>;
}

export interface InboxPruneResult {
  inbox: number;
  events: number;
}

/** A labelled message landing, in the order GET /v1/events streams them. */
export interface LiveEvent {
  seq: number;
  kind: 'message.created' | 'message.updated';
  message: StoredMessage;
}

/**
 * The message store. Three adapters (PGlite, PostgreSQL, Supabase) implement it
 * over one set of SQL migrations and pass one contract test suite.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'supabase';
  /** Site keys kept in the database (SITE_KEYS_TABLE=on), by digest. */
  readonly siteKeys: SiteKeyTable;
  /** Applies pending SQL migrations (idempotent, safe to run on every start). */
  migrate(): Promise<void>;
  /** Throws StoreUnavailableError when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /**
   * Inserts or updates messages by (site, id), in one transaction: all or none.
   * Messages without labels are stored as pending classification. Human labels
   * (given in the input) are kept; model labels never overwrite them.
   */
  upsertMessages(site: SiteId, messages: MessageInput[]): Promise<UpsertResult>;
  /**
   * Runs a validated analytics query (parameterised SQL over rollups / indexes). Messages still waiting for
   * labels count in totals but under no topic or sentiment key.
   */
  runQuery(site: SiteId, query: AnalyticsQuery): Promise<QueryResult>;
  listMessages(
    site: SiteId,
    options: { filters: MessageFilters; cursor?: string; limit: number },
  ): Promise<MessagePage>;
  /** Streams every matching message, newest first, in pages of `batchSize`. */
  exportMessages(site: SiteId, filters: MessageFilters, batchSize?: number): AsyncIterable<StoredMessage[]>;
  countMessages(site: SiteId): Promise<number>;

  /** Messages waiting for the model (no human or model labels yet, or marked for relabelling). */
  pendingClassification(limit: number): Promise<PendingMessage[]>;
  /** Writes model labels; rows that carry human labels are left untouched. */
  saveModelLabels(labels: ModelLabels[]): Promise<number>;
  /** Marks every model-labelled message for relabelling (after a model update). */
  markForReclassification(site?: SiteId): Promise<number>;

  loadConversation(site: SiteId, id: string): Promise<Conversation | null>;
  saveConversation(conversation: Conversation): Promise<void>;

  /**
   * Commits the items of several webhook deliveries to the inbox in one transaction; returns once they are
   * durable, with one result per delivery.
   */
  acceptInbox(deliveries: InboxDelivery[]): Promise<InboxAcceptResult[]>;
  /** Leases up to `limit` claimable inbox rows, oldest first, skipping rows other workers hold. */
  claimInbox(limit: number, leaseSeconds: number): Promise<InboxClaim>;
  /** Marks claimed rows done and writes their labelled messages, rollups and live events, all or nothing. */
  completeInbox(token: string, results: InboxCompletion[]): Promise<InboxCompleteResult>;
  /** Gives claimed rows back to retry after a back-off, or dead-letters those out of attempts. */
  failInbox(
    token: string,
    failures: InboxFailure[],
    policy: { maxAttempts: number; backoffMs: number },
  ): Promise<{ retried: number; dead: number }>;
  inboxStats(): Promise<InboxStats>;
  deadLetters(site: SiteId, limit: number): Promise<DeadLetter[]>;
  /** Puts a site's dead letter back in the queue with fresh attempts; false when it has none with that seq. */
  retryDeadLetter(site: SiteId, seq: number): Promise<boolean>;
  /** Deletes up to `limit` done inbox rows and up to `limit` live events older than `olderThanSeconds`. */
  pruneInbox(olderThanSeconds: number, limit: number): Promise<InboxPruneResult>;
  /** The newest live event id of a site (null before the first). */
  lastEventId(site: SiteId): Promise<number | null>;
  /** Live events of a site after `after`, oldest first. */
  eventsAfter(site: SiteId, after: number, limit: number): Promise<LiveEvent[]>;
}
