import { Worker } from 'node:worker_threads';
import type { ClassificationResult } from '@sa/shared/classifier';
import type { TextClassifier } from '../classify/backgroundWorker.ts';
import { CLASSIFIER_THREAD_ENTRY } from './classifierThreadEntry.ts';
import type { ThreadReply, ThreadRequest } from './classifierThreadProtocol.ts';

/** The model failed to load in its thread, or the thread died; the message says which and why. */
export class ClassifierThreadError extends Error {
  override readonly name = 'ClassifierThreadError';
}

/**
 * The shipped model on a thread of its own, for the inbox worker. onnxruntime-node runs a forward pass
 * synchronously on the thread that calls it (its intra-op threads only help), so in-process classification held
 * the proxy's event loop, which also serves the webhooks and, on PGlite, runs the database: 14% of that thread
 * during a sustained burst. Here the loop only posts the texts and gets the results back.
 */
export class ClassifierThread implements TextClassifier {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (r: ClassificationResult[]) => void; reject: (e: Error) => void }
  >();
  #nextId = 0;
  #failure: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: ThreadReply) => {
      if (reply.type === 'ready' || reply.type === 'loadFailed') return;
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.type === 'result') waiting?.resolve(reply.results);
      else waiting?.reject(new ClassifierThreadError(reply.message));
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#failure);
      this.#pending.clear();
    };
    worker.on('error', (error) =>
      fail(new ClassifierThreadError(`the classifier thread failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      fail(new ClassifierThreadError(`the classifier thread exited (code ${code})`)),
    );
  }

  /** Starts a thread and loads the model from `modelDir` in it; rejects (thread stopped) when the load fails. */
  static start(modelDir: string): Promise<ClassifierThread> {
    const worker = startWorker(modelDir);
    return new Promise((resolve, reject) => {
      const onExit = (code: number) =>
        reject(
          new ClassifierThreadError(`the classifier thread exited (code ${code}) before the model loaded`),
        );
      const onError = (error: Error) =>
        reject(new ClassifierThreadError(`the classifier thread failed to start: ${error.message}`));
      worker.once('exit', onExit);
      worker.once('error', onError);
      worker.on('message', function onReady(reply: ThreadReply) {
        if (reply.type !== 'ready' && reply.type !== 'loadFailed') return;
        worker.off('message', onReady);
        worker.off('exit', onExit);
        worker.off('error', onError);
        if (reply.type === 'ready') resolve(new ClassifierThread(worker));
        else {
          reject(new ClassifierThreadError(reply.message));
          void worker.terminate();
        }
      });
    });
  }

  /** False once the thread died or was disposed: every later call would fail. */
  get usable(): boolean {
    return this.#failure === undefined;
  }

  classify(texts: readonly string[]): Promise<ClassificationResult[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ type: 'classify', id, texts } satisfies ThreadRequest);
    });
  }

  async dispose(): Promise<void> {
    this.#failure ??= new ClassifierThreadError('the classifier thread was disposed');
    await this.#worker.terminate();
  }
}

/**
 * From the sources (tsx) the thread gets tsx's loader before the TypeScript entry is imported: tsx hooks only
 * the thread it started in. The proxy bundle ships the entry as plain JavaScript beside itself.
 */
function startWorker(modelDir: string): Worker {
  const workerData = { modelDir };
  if (!CLASSIFIER_THREAD_ENTRY.pathname.endsWith('.ts'))
    return new Worker(CLASSIFIER_THREAD_ENTRY, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(CLASSIFIER_THREAD_ENTRY.href);
  return new Worker(`import(${tsx}).then((api) => { api.register(); return import(${entry}); })`, {
    eval: true,
    workerData,
  });
}

/**
 * One thread per process, started on first use. A failed start is not kept, and a thread that died is replaced
 * on the next call, so the inbox's next round gets a working classifier instead of failing until its rows are
 * dead-lettered.
 */
export function lazyClassifierThread(modelDir: string) {
  let starting: Promise<ClassifierThread> | undefined;
  let started: ClassifierThread | undefined;
  return {
    get(): Promise<ClassifierThread> {
      if (started && !started.usable) {
        void started.dispose();
        started = undefined;
        starting = undefined;
      }
      starting ??= ClassifierThread.start(modelDir).then(
        (thread) => {
          started = thread;
          return thread;
        },
        (error: unknown) => {
          starting = undefined;
          throw error;
        },
      );
      return starting;
    },
    async dispose(): Promise<void> {
      const current = starting;
      starting = undefined;
      started = undefined;
      await (await current?.catch(() => undefined))?.dispose();
    },
  };
}
