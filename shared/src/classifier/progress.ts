import type { LoadProgress } from './schemas.ts';

/** The fields of a transformers.js progress event this module reads. */
export interface RuntimeProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/**
 * Sums transformers.js per-file progress events into one byte count over the whole model, so a
 * progress bar moves once across all files instead of restarting per file.
 */
export function createProgressTracker(emit: (progress: LoadProgress) => void) {
  const files = new Map<string, { loaded: number; total: number }>();
  const totals = () => {
    let loaded = 0;
    let total = 0;
    for (const f of files.values()) {
      loaded += f.loaded;
      total += f.total;
    }
    return { loaded, total };
  };
  return {
    onRuntimeEvent(event: RuntimeProgressEvent): void {
      if (!event.file) return;
      if (
        event.status === 'progress' &&
        typeof event.loaded === 'number' &&
        typeof event.total === 'number'
      ) {
        files.set(event.file, { loaded: event.loaded, total: event.total });
      } else if (event.status === 'done') {
        const f = files.get(event.file);
        if (!f) return;
        f.loaded = f.total;
      } else {
        return;
      }
      const { loaded, total } = totals();
      emit({ status: 'loading', file: event.file, loaded, total, fraction: total > 0 ? loaded / total : 0 });
    },
    ready(): void {
      const { loaded, total } = totals();
      emit({ status: 'ready', loaded: Math.max(loaded, total), total, fraction: 1 });
    },
  };
}
