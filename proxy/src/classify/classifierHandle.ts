import { Classifier, type ClassifierOptions } from '@sa/shared/classifier';

export interface ClassifierHealth {
  ready: boolean;
  version: string | null;
  detail?: string;
}

/** One classifier per process, loaded on first use and shared by the HTTP route, the worker and the CLI. */
export interface ClassifierHandle {
  get(): Promise<Classifier>;
  health(): ClassifierHealth;
  dispose(): Promise<void>;
}

/**
 * Loads the model from `modelDir` the first time it is needed. A failed load is not cached: the next
 * call tries again, so a model folder fixed while the proxy runs is picked up without a restart.
 */
export function lazyClassifier(
  modelDir: string,
  options: Omit<ClassifierOptions, 'model'> = {},
  load: (options: ClassifierOptions) => Promise<Classifier> = Classifier.load,
): ClassifierHandle {
  let loading: Promise<Classifier> | undefined;
  let loaded: Classifier | undefined;
  let lastError: string | undefined;
  return {
    get() {
      loading ??= load({ ...options, model: modelDir }).then(
        (c) => {
          loaded = c;
          lastError = undefined;
          return c;
        },
        (error: unknown) => {
          loading = undefined;
          lastError = error instanceof Error ? error.message : String(error);
          throw error;
        },
      );
      return loading;
    },
    health() {
      if (loaded) return { ready: true, version: loaded.modelVersion };
      return { ready: false, version: null, detail: lastError ?? 'the model loads on first use' };
    },
    async dispose() {
      const current = loading;
      loading = undefined;
      loaded = undefined;
      await (await current?.catch(() => undefined))?.dispose();
    },
  };
}
