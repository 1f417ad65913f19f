type Listener = () => void;

/**
 * In-process nudges between receivers, the inbox worker and SSE streams, so nobody waits out a poll interval
 * when the work happened in this process. They only shorten waits: every reader still polls the store, which
 * is what lets several proxies share one PostgreSQL.
 */
export interface LiveSignals {
  /** A receiver committed new inbox rows. */
  accepted(): void;
  onAccepted(listener: Listener): () => void;
  /** A worker appended live events. */
  appended(): void;
  onAppended(listener: Listener): () => void;
}

export function createLiveSignals(): LiveSignals {
  const accepted = new Set<Listener>();
  const appended = new Set<Listener>();
  const subscribe = (set: Set<Listener>, listener: Listener) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  return {
    accepted: () => {
      for (const listener of accepted) listener();
    },
    onAccepted: (listener) => subscribe(accepted, listener),
    appended: () => {
      for (const listener of appended) listener();
    },
    onAppended: (listener) => subscribe(appended, listener),
  };
}

/** Resolves after `ms`, when `subscribe`'s signal fires, or when `abort` aborts, whichever is first. */
export function waitForSignal(
  subscribe: (listener: Listener) => () => void,
  ms: number,
  abort?: AbortSignal,
): Promise<void> {
  return new Promise((resolve) => {
    if (abort?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      abort?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = subscribe(done);
    abort?.addEventListener('abort', done, { once: true });
  });
}
