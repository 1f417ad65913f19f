import type { ClassificationResult } from '@sa/shared/classifier';
import type { TextClassifier } from '../classify/backgroundWorker.ts';
import { builtInLabels } from '../classify/modelLabels.ts';
import { type LiveSignals, waitForSignal } from '../events/liveSignals.ts';
import { StoreUnavailableError } from '../store/errors.ts';
import type { ClaimedInboxItem, InboxClaim, InboxCompletion, InboxFailure, Store } from '../store/Store.ts';
import { IngestedMessage } from './inboxPayload.ts';

export interface InboxWorkerOptions {
  store: Pick<Store, 'claimInbox' | 'completeInbox' | 'failInbox'>;
  classifier: TextClassifier | (() => Promise<TextClassifier>);
  signals?: LiveSignals;
  /** Rows claimed per round while the inbox is short; doubles per full round up to `maxBatchSize`. */
  batchSize?: number;
  maxBatchSize?: number;
  /** How long a claim lasts: a worker that dies releases its rows after this. */
  leaseSeconds?: number;
  /** Claims before a failing row is dead-lettered; back-off doubles from `backoffMs` per attempt. */
  maxAttempts?: number;
  backoffMs?: number;
  /** Idle polling (for rows other proxies accepted); an in-process accept wakes the worker at once. */
  idleMs?: number;
  /**
   * After a short round, how long to let more rows gather before the next claim: under a steady trickle this
   * turns one transaction and one model call per webhook into one per batch, for a few ms of extra lag.
   */
  lingerMs?: number;
  onError?: (error: unknown) => void;
  /** After each claim, before classification (progress logs; the fault test kills the worker here). */
  onClaimed?: (items: ClaimedInboxItem[]) => void;
  onCompleted?: (result: { claimed: number; written: number; failed: number; dead: number }) => void;
}

export interface RoundResult {
  claimed: number;
  written: number;
  failed: number;
  dead: number;
}

/**
 * Drains the webhook inbox: claims rows (SKIP LOCKED, leased), classifies their texts, and completes them —
 * labelled message, rollups, live event and the row's done mark in one transaction. A row whose payload the
 * store could never take is dead-lettered at once; a failed classification or write is retried with back-off
 * and dead-lettered after `maxAttempts`. A crash between claim and completion only delays the rows until
 * their lease ends.
 */
export class InboxWorker {
  readonly #store: InboxWorkerOptions['store'];
  readonly #getClassifier: () => Promise<TextClassifier>;
  readonly #signals: LiveSignals | undefined;
  readonly #baseBatch: number;
  readonly #maxBatch: number;
  readonly #leaseSeconds: number;
  readonly #policy: { maxAttempts: number; backoffMs: number };
  readonly #idleMs: number;
  readonly #lingerMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onClaimed: (items: ClaimedInboxItem[]) => void;
  readonly #onCompleted: (result: RoundResult) => void;
  #batch: number;
  #running = false;
  #loop: Promise<void> | undefined;
  #stop = new AbortController();

  constructor(options: InboxWorkerOptions) {
    this.#store = options.store;
    const { classifier } = options;
    this.#getClassifier = typeof classifier === 'function' ? classifier : async () => classifier;
    this.#signals = options.signals;
    this.#baseBatch = options.batchSize ?? 64;
    this.#maxBatch = Math.max(this.#baseBatch, options.maxBatchSize ?? 512);
    this.#leaseSeconds = options.leaseSeconds ?? 60;
    this.#policy = { maxAttempts: options.maxAttempts ?? 5, backoffMs: options.backoffMs ?? 1000 };
    this.#idleMs = options.idleMs ?? 1000;
    this.#lingerMs = options.lingerMs ?? 20;
    this.#onError = options.onError ?? (() => undefined);
    this.#onClaimed = options.onClaimed ?? (() => undefined);
    this.#onCompleted = options.onCompleted ?? (() => undefined);
    this.#batch = this.#baseBatch;
  }

  /** How many rows the next round claims (grows while the inbox is deep). */
  get batchSize(): number {
    return this.#batch;
  }

  /** One claim → classify → complete round. */
  async runOnce(): Promise<RoundResult> {
    return this.#finish(await this.#claimAndClassify());
  }

  /**
   * Claims a batch, dead-letters what can never be stored, and classifies the rest: everything of a round but
   * its commit. Throws an InboxRoundError (rows given back) when classification fails.
   */
  async #claimAndClassify(): Promise<ClassifiedBatch> {
    const asked = this.#batch;
    const claim = await this.#store.claimInbox(asked, this.#leaseSeconds);
    // A full claim means more is waiting: take bigger bites (fewer transactions, bigger model batches).
    this.#batch = claim.items.length === asked ? Math.min(asked * 2, this.#maxBatch) : this.#baseBatch;
    const batch: ClassifiedBatch = { claim, asked, completions: [], dead: 0 };
    if (claim.items.length === 0) return batch;
    this.#onClaimed(claim.items);

    const readable: { item: ClaimedInboxItem; message: IngestedMessage }[] = [];
    const unreadable: InboxFailure[] = [];
    for (const item of claim.items) {
      const parsed = IngestedMessage.safeParse(item.message);
      if (parsed.success) readable.push({ item, message: parsed.data });
      else
        unreadable.push({ seq: item.seq, error: `payload refused: ${describeIssues(parsed.error.issues)}` });
    }
    if (unreadable.length > 0) {
      // Retrying cannot make a text shorter or a date valid: these go to the dead letters on the first try.
      batch.dead += (
        await this.#store.failInbox(claim.token, unreadable, { ...this.#policy, maxAttempts: 1 })
      ).dead;
    }
    if (readable.length === 0) return batch;

    let results: ClassificationResult[];
    try {
      results = await (await this.#getClassifier()).classify(readable.map((r) => r.message.text));
    } catch (error) {
      const failures = readable.map(({ item }) => ({
        seq: item.seq,
        error: `classification failed: ${text(error)}`,
      }));
      const failed = await this.#store.failInbox(claim.token, failures, this.#policy);
      throw new InboxRoundError(error, {
        claimed: claim.items.length,
        written: 0,
        failed: failed.retried + failed.dead,
        dead: batch.dead + failed.dead,
      });
    }

    batch.completions = readable.map(({ item }, i) => {
      const result = results[i] as ClassificationResult;
      return { seq: item.seq, labels: { ...builtInLabels(result), model_version: result.model_version } };
    });
    return batch;
  }

  /** Commits a classified batch: labelled messages, rollups, live events and done marks. */
  async #finish(batch: ClassifiedBatch): Promise<RoundResult> {
    const claimed = batch.claim.items.length;
    if (claimed === 0) return { claimed: 0, written: 0, failed: 0, dead: 0 };
    if (batch.completions.length === 0)
      return this.#report({ claimed, written: 0, failed: 0, dead: batch.dead });
    const outcome = await this.#complete(batch.claim, batch.completions);
    if (outcome.written > 0) this.#signals?.appended();
    return this.#report({
      claimed,
      written: outcome.written,
      failed: outcome.failed,
      dead: batch.dead + outcome.dead,
    });
  }

  /** Rounds until the inbox has nothing claimable; returns the messages written. */
  async drain(): Promise<number> {
    let written = 0;
    for (;;) {
      const round = await this.runOnce();
      if (round.claimed === 0) return written;
      written += round.written;
    }
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#stop = new AbortController();
    this.#loop = this.#run();
  }

  /** Stops after the round in flight; its rows are completed or left to their lease, never half-written. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stop.abort();
    await this.#loop;
    this.#loop = undefined;
  }

  /**
   * The worker's loop. While the inbox is deep it pipelines: the next batch is claimed and classified (the
   * model runs on its own threads) while this batch commits (the store's work), so the two overlap instead of
   * taking turns. Batches still commit one after the other, in claim order, each in its own transaction.
   */
  async #run(): Promise<void> {
    let next: Promise<Settled> | undefined;
    while (this.#running) {
      const settled = await (next ?? settle(this.#claimAndClassify()));
      next = undefined;
      if ('error' in settled) {
        this.#onError(settled.error);
        await this.#sleep(this.#policy.backoffMs);
        continue;
      }
      const batch = settled.batch;
      const claimed = batch.claim.items.length;
      if (claimed === batch.asked && this.#running) next = settle(this.#claimAndClassify());
      try {
        await this.#finish(batch);
      } catch (error) {
        this.#onError(error);
        await this.#sleep(this.#policy.backoffMs);
        continue;
      }
      if (next) continue;
      if (claimed === 0) {
        const subscribe = this.#signals ? this.#signals.onAccepted : () => () => undefined;
        await waitForSignal(subscribe, this.#idleMs, this.#stop.signal);
      }
      await this.#sleep(this.#lingerMs);
    }
    // A batch claimed and classified ahead is committed rather than left to wait out its lease.
    const ahead = next && (await next);
    if (ahead && 'batch' in ahead) await this.#finish(ahead.batch).catch(this.#onError);
  }

  #sleep(ms: number): Promise<void> {
    return waitForSignal(() => () => undefined, ms, this.#stop.signal);
  }

  /**
   * Completes the batch in one transaction; when the store refuses it (not when it is down), each row alone,
   * so one poison row is retried and dead-lettered by itself while the rest land.
   */
  async #complete(
    claim: InboxClaim,
    completions: InboxCompletion[],
  ): Promise<{ written: number; failed: number; dead: number }> {
    try {
      const result = await this.#store.completeInbox(claim.token, completions);
      return { written: result.written, failed: 0, dead: 0 };
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      if (completions.length > 1) return this.#completeOneByOne(claim, completions);
      const failures = completions.map((c) => ({ seq: c.seq, error: `write failed: ${text(error)}` }));
      const failed = await this.#store.failInbox(claim.token, failures, this.#policy);
      return { written: 0, failed: failed.retried + failed.dead, dead: failed.dead };
    }
  }

  async #completeOneByOne(claim: InboxClaim, completions: InboxCompletion[]) {
    const total = { written: 0, failed: 0, dead: 0 };
    for (const completion of completions) {
      const one = await this.#complete(claim, [completion]);
      total.written += one.written;
      total.failed += one.failed;
      total.dead += one.dead;
    }
    return total;
  }

  #report(result: RoundResult): RoundResult {
    this.#onCompleted(result);
    return result;
  }
}

interface ClassifiedBatch {
  claim: InboxClaim;
  /** How many rows the claim asked for: a full claim means more are waiting. */
  asked: number;
  completions: InboxCompletion[];
  /** Rows dead-lettered while reading the claim. */
  dead: number;
}

type Settled = { batch: ClassifiedBatch } | { error: unknown };

/** A round's first half as a value, so a batch prepared ahead never rejects unobserved while another commits. */
function settle(work: Promise<ClassifiedBatch>): Promise<Settled> {
  return work.then(
    (batch) => ({ batch }),
    (error: unknown) => ({ error }),
  );
}

/** A round whose classification failed; its rows were given back for a retry (or dead-lettered). */
export class InboxRoundError extends Error {
  override readonly name = 'InboxRoundError';
  constructor(
    cause: unknown,
    readonly round: RoundResult,
  ) {
    super(`inbox round failed, ${round.claimed} row(s) given back: ${text(cause)}`, { cause });
  }
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
}
