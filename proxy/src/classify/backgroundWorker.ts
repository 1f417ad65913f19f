import type { ClassificationResult } from '@sa/shared/classifier';
import type { ModelLabels, Store } from '../store/Store.ts';
import { toModelLabels } from './modelLabels.ts';

/** What the worker needs of a classifier: texts in, results in the same order. */
export interface TextClassifier {
  classify(texts: readonly string[]): Promise<ClassificationResult[]>;
}

export interface BackgroundWorkerOptions {
  store: Pick<Store, 'pendingClassification' | 'saveModelLabels'>;
  classifier: TextClassifier | (() => Promise<TextClassifier>);
  /** Messages taken from the store per round. */
  batchSize?: number;
  /** Idle polling starts at `minIdleMs` and doubles up to `maxIdleMs` while nothing is pending. */
  minIdleMs?: number;
  maxIdleMs?: number;
  /** Called with each failed round (store down, model missing); the worker backs off and retries. */
  onError?: (error: unknown) => void;
  /** Called after each saved batch. */
  onLabelled?: (labels: ModelLabels[]) => void;
}

/**
 * Drains messages waiting for labels in the background: takes a batch from the store, classifies it,
 * writes model labels (the store leaves human-labelled rows untouched), and backs off while idle.
 */
export class BackgroundClassifier {
  readonly #store: BackgroundWorkerOptions['store'];
  readonly #getClassifier: () => Promise<TextClassifier>;
  readonly #batchSize: number;
  readonly #minIdleMs: number;
  readonly #maxIdleMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #onLabelled: (labels: ModelLabels[]) => void;
  #running = false;
  #loop: Promise<void> | undefined;
  #sleep: { timer: ReturnType<typeof setTimeout>; resolve: () => void } | undefined;

  constructor(options: BackgroundWorkerOptions) {
    this.#store = options.store;
    const { classifier } = options;
    this.#getClassifier = typeof classifier === 'function' ? classifier : async () => classifier;
    this.#batchSize = options.batchSize ?? 64;
    this.#minIdleMs = options.minIdleMs ?? 250;
    this.#maxIdleMs = options.maxIdleMs ?? 5000;
    this.#onError = options.onError ?? (() => undefined);
    this.#onLabelled = options.onLabelled ?? (() => undefined);
  }

  /**
   * Labels one batch of pending messages; returns how many rows the store wrote (0 when nothing was
   * pending, or when every row of the batch gained human labels meanwhile — which also ends `drain`).
   */
  async runOnce(): Promise<number> {
    const pending = await this.#store.pendingClassification(this.#batchSize);
    if (pending.length === 0) return 0;
    const classifier = await this.#getClassifier();
    const results = await classifier.classify(pending.map((m) => m.text));
    const labels = pending.map((m, i) => toModelLabels(m, results[i] as ClassificationResult));
    const saved = await this.#store.saveModelLabels(labels);
    this.#onLabelled(labels);
    return saved;
  }

  /** Labels batches until nothing is pending; returns the total saved. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.runOnce(); n > 0; n = await this.runOnce()) total += n;
    return total;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Ends the idle wait early, e.g. right after new messages were stored. */
  wake(): void {
    this.#sleep?.resolve();
  }

  /** Stops after the batch in flight (if any) is saved; no batch is left half-written. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    let idleMs = this.#minIdleMs;
    while (this.#running) {
      let saved = 0;
      try {
        saved = await this.runOnce();
      } catch (error) {
        this.#onError(error);
        idleMs = this.#maxIdleMs;
      }
      if (saved > 0) {
        idleMs = this.#minIdleMs;
        continue;
      }
      await this.#wait(idleMs);
      idleMs = Math.min(idleMs * 2, this.#maxIdleMs);
    }
  }

  #wait(ms: number): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#sleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#sleep = { timer, resolve: done };
    });
  }
}
