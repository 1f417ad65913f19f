import type { InboxPruneResult, Store } from '../store/Store.ts';

/** Done inbox rows and live events are kept this long by default: a week of redelivery and SSE resume window. */
export const DEFAULT_INBOX_RETENTION_HOURS = 168;
const MAX_RETENTION_HOURS = 24 * 365 * 10;

/**
 * `INBOX_RETENTION_HOURS`: how long processed inbox rows and live events are kept (whole hours, 0 prunes them
 * as soon as the next pass runs). Returns seconds, or an issue line naming the variable.
 */
export function parseInboxRetention(env: Record<string, string | undefined>): {
  seconds: number;
  issues: string[];
} {
  const raw = env.INBOX_RETENTION_HOURS?.trim();
  if (raw === undefined || raw === '') return { seconds: DEFAULT_INBOX_RETENTION_HOURS * 3600, issues: [] };
  const hours = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(hours <= MAX_RETENTION_HOURS)) {
    return {
      seconds: DEFAULT_INBOX_RETENTION_HOURS * 3600,
      issues: [
        `INBOX_RETENTION_HOURS must be a whole number of hours from 0 to ${MAX_RETENTION_HOURS} (got "${raw}")`,
      ],
    };
  }
  return { seconds: hours * 3600, issues: [] };
}

export interface InboxRetentionOptions {
  store: Pick<Store, 'pruneInbox'>;
  olderThanSeconds: number;
  /** Time between passes. */
  everyMs?: number;
  /** Rows deleted per transaction; a pass repeats until a chunk comes back short. */
  chunk?: number;
  onPruned?: (result: InboxPruneResult) => void;
  onError?: (error: unknown) => void;
}

/**
 * Prunes processed inbox rows and old live events in the background, in short transactions so the receivers
 * and the worker are never held up by one big delete. Pending rows and dead letters are never touched.
 */
export function startInboxRetention(options: InboxRetentionOptions): { stop(): Promise<void> } {
  const everyMs = options.everyMs ?? 10 * 60_000;
  const chunk = options.chunk ?? 5000;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function pass(): Promise<void> {
    const total = { inbox: 0, events: 0 };
    for (;;) {
      const pruned = await options.store.pruneInbox(options.olderThanSeconds, chunk);
      total.inbox += pruned.inbox;
      total.events += pruned.events;
      if (stopped || (pruned.inbox < chunk && pruned.events < chunk)) break;
    }
    if (total.inbox > 0 || total.events > 0) options.onPruned?.(total);
  }

  const run = () => {
    running ??= pass()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
