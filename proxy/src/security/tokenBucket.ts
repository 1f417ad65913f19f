/** How many requests a bucket holds and how fast it refills. */
export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** When refused: milliseconds until the request would be allowed. */
  retryAfterMs: number;
}

/** A token-bucket limiter keyed by name; in memory for one process, in Redis when several share the limits. */
export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  take(bucket: string, limit: BucketLimit, cost?: number): Promise<TakeResult>;
  close(): Promise<void>;
}

/** A per-minute budget as a bucket that allows the whole minute's worth as a burst. */
export function perMinute(count: number): BucketLimit {
  return { capacity: count, refillPerSecond: count / 60 };
}

interface BucketState {
  tokens: number;
  at: number;
}

/** One bucket's refill-then-take step; pure so the memory and Redis limiters share the same arithmetic. */
export function takeFrom(
  state: BucketState | undefined,
  limit: BucketLimit,
  cost: number,
  now: number,
): { state: BucketState; result: TakeResult } {
  const perMs = limit.refillPerSecond / 1000;
  const elapsed = state ? Math.max(0, now - state.at) : 0;
  const tokens = Math.min(limit.capacity, (state?.tokens ?? limit.capacity) + elapsed * perMs);
  if (tokens >= cost) {
    const left = tokens - cost;
    return {
      state: { tokens: left, at: now },
      result: { allowed: true, remaining: Math.floor(left), retryAfterMs: 0 },
    };
  }
  return {
    state: { tokens, at: now },
    result: {
      allowed: false,
      remaining: Math.floor(tokens),
      retryAfterMs: Math.ceil((cost - tokens) / perMs),
    },
  };
}

export interface MemoryLimiterOptions {
  /** Buckets kept; the least recently used go first, so a flood of new IPs cannot grow memory without end. */
  maxBuckets?: number;
  now?: () => number;
}

export function createMemoryLimiter(options: MemoryLimiterOptions = {}): RateLimiter {
  const maxBuckets = options.maxBuckets ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, BucketState>();
  return {
    kind: 'memory',
    async take(bucket, limit, cost = 1) {
      const previous = buckets.get(bucket);
      const { state, result } = takeFrom(previous, limit, cost, now());
      // Re-inserting moves the bucket to the end of the Map's order, which is what makes eviction LRU.
      if (previous) buckets.delete(bucket);
      buckets.set(bucket, state);
      if (buckets.size > maxBuckets) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return result;
    },
    async close() {
      buckets.clear();
    },
  };
}
