import type { ClassificationResult } from '@sa/shared/classifier';

/** What the proxy sends its classifier thread. */
export type ThreadRequest = { type: 'classify'; id: number; texts: readonly string[] };

/** What the thread answers: once `ready` (or `loadFailed`), then one `result` or `failed` per request. */
export type ThreadReply =
  | { type: 'ready' }
  | { type: 'loadFailed'; message: string }
  | { type: 'result'; id: number; results: ClassificationResult[] }
  | { type: 'failed'; id: number; message: string };
