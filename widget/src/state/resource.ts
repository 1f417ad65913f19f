import { effect, type ReadonlySignal, signal } from '@preact/signals';

export type ResourceStatus = 'loading' | 'ready' | 'error';

export interface Resource<T> {
  readonly status: ReadonlySignal<ResourceStatus>;
  /** The last good data; kept while a newer load runs so views update without flashing skeletons. */
  readonly data: ReadonlySignal<T | null>;
  readonly error: ReadonlySignal<unknown>;
  /** Loads again with the current key (retry buttons, live updates). */
  reload(): void;
  dispose(): void;
}

/**
 * Async data that follows a reactive key. `key` returns null while nobody looks at the data (closed
 * panel, other view); when it returns a new key the previous request is aborted and a new one starts,
 * so a slow old answer never overwrites a newer one, and coming back to an unchanged view costs nothing.
 */
export function createResource<K, T>(
  key: () => K | null,
  load: (key: K, signal: AbortSignal) => Promise<T>,
): Resource<T> {
  const status = signal<ResourceStatus>('loading');
  const data = signal<T | null>(null);
  const error = signal<unknown>(null);
  const attempt = signal(0);
  let controller: AbortController | null = null;
  let loaded = '';

  const stop = effect(() => {
    const k = key();
    if (k === null) return;
    const id = `${attempt.value}:${JSON.stringify(k)}`;
    if (id === loaded) return;
    loaded = id;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    status.value = 'loading';
    load(k, current.signal).then(
      (value) => {
        if (current.signal.aborted) return;
        data.value = value;
        error.value = null;
        status.value = 'ready';
      },
      (err: unknown) => {
        if (current.signal.aborted) return;
        loaded = '';
        error.value = err;
        status.value = 'error';
      },
    );
  });

  return {
    status,
    data,
    error,
    reload: () => {
      attempt.value++;
    },
    dispose: () => {
      stop();
      controller?.abort();
    },
  };
}
