import {
  ClassifierDisposedError,
  ClassifierInputError,
  ModelLoadError,
  WorkerProtocolError,
} from './errors.ts';
import {
  type ClassifierInfo,
  type WorkerErrorPayload,
  type WorkerInitOptions,
  type WorkerRequest,
  WorkerResponse,
} from './protocol.ts';
import type { ClassificationResult, CustomTopic, LoadProgress } from './schemas.ts';

/** What the client needs of a Worker; a MessagePort-like endpoint works too. */
export interface WorkerEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate?(): void;
}

export interface ClassifierWorkerClient {
  /** Resolves once the model is loaded and warmed up; rejects with the load error. */
  readonly ready: Promise<ClassifierInfo>;
  classify(texts: readonly string[]): Promise<ClassificationResult[]>;
  setCustomTopics(topics: readonly CustomTopic[]): Promise<void>;
  /** Model download progress; returns a function that unsubscribes. */
  onProgress(listener: (progress: LoadProgress) => void): () => void;
  /** Releases the model and stops the worker; later calls reject with ClassifierDisposedError. */
  dispose(): Promise<void>;
}

/** Typed without the DOM library so this module also typechecks in Node packages that import it. */
function startModuleWorker(url: string | URL): WorkerEndpoint {
  const { Worker } = globalThis as unknown as {
    Worker?: new (url: string | URL, options: { type: 'module' }) => WorkerEndpoint;
  };
  if (!Worker) throw new WorkerProtocolError('Web Workers are not available in this runtime');
  return new Worker(url, { type: 'module' });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function toError(payload: WorkerErrorPayload): Error {
  switch (payload.name) {
    case 'ClassifierInputError':
      return new ClassifierInputError(payload.message, payload.issues ?? []);
    case 'ModelLoadError':
      return new ModelLoadError(payload.message, '');
    case 'ClassifierDisposedError':
      return new ClassifierDisposedError();
    case 'WorkerProtocolError':
      return new WorkerProtocolError(payload.message);
    default:
      return new Error(payload.message);
  }
}

/**
 * Starts the classifier in a Web Worker and returns a typed client. `worker` is the worker script's URL
 * (started as a module worker) or an already created Worker — bundlers such as Vite need
 * `new Worker(new URL(..., import.meta.url), { type: 'module' })` written in the app to bundle it.
 */
export function createClassifierWorker(
  worker: string | URL | WorkerEndpoint,
  options: WorkerInitOptions,
): ClassifierWorkerClient {
  const endpoint: WorkerEndpoint =
    typeof worker === 'string' || worker instanceof URL ? startModuleWorker(worker) : worker;
  const pending = new Map<
    number,
    { resolve: (value: WorkerResponse) => void; reject: (error: Error) => void }
  >();
  const progressListeners = new Set<(progress: LoadProgress) => void>();
  let nextId = 0;
  let failure: Error | undefined;
  let disposed = false;

  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  endpoint.addEventListener('message', (event) => {
    const parsed = WorkerResponse.safeParse((event as { data?: unknown }).data);
    if (!parsed.success) {
      failAll(
        new WorkerProtocolError(`the classifier worker sent a malformed message: ${parsed.error.message}`),
      );
      return;
    }
    const message = parsed.data;
    if (message.type === 'progress') {
      for (const listener of progressListeners) listener(message.progress);
      return;
    }
    if (message.id === null) {
      failAll(toError((message as { error: WorkerErrorPayload }).error));
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'error') waiter.reject(toError(message.error));
    else waiter.resolve(message);
  });
  endpoint.addEventListener('error', (event) => {
    const detail = (event as { message?: string }).message;
    failAll(new WorkerProtocolError(`the classifier worker failed${detail ? `: ${detail}` : ' to start'}`));
  });
  endpoint.addEventListener('messageerror', () => {
    failAll(new WorkerProtocolError('a message from the classifier worker could not be deserialised'));
  });

  const send = (request: DistributiveOmit<WorkerRequest, 'id'>): Promise<WorkerResponse> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      endpoint.postMessage({ ...request, id });
    });
  };

  const ready = send({ type: 'init', options }).then((m) => {
    if (m.type !== 'ready') throw new WorkerProtocolError(`expected "ready", got "${m.type}"`);
    return m.info;
  });
  // A caller that only classifies sees the load error there; this keeps it from being reported as unhandled.
  ready.catch(() => undefined);

  const whenReady = async () => {
    if (disposed) throw new ClassifierDisposedError();
    await ready;
  };

  return {
    ready,
    async classify(texts) {
      await whenReady();
      const m = await send({ type: 'classify', texts: [...texts] });
      if (m.type !== 'result') throw new WorkerProtocolError(`expected "result", got "${m.type}"`);
      return m.results;
    },
    async setCustomTopics(topics) {
      await whenReady();
      await send({ type: 'setCustomTopics', topics: [...topics] });
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        await ready;
        await send({ type: 'dispose' });
      } catch {
        // A worker that never loaded, or already failed, has nothing to release.
      } finally {
        failAll(new ClassifierDisposedError());
        endpoint.terminate?.();
      }
    },
  };
}
