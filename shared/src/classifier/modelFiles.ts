import type { env as TransformersEnv } from '@huggingface/transformers';
import { fetchModelUrl, refusedFetch } from './modelLocation.ts';
import type { RuntimeProgressEvent } from './progress.ts';

/** The quantised graph, which is what `dtype: 'q8'` makes transformers.js load. */
export const MODEL_FILE = 'onnx/model_quantized.onnx';

/** Custom topics' scoring space; models exported before it existed lack it (customTopics.ts). */
export const EMBEDDING_SPACE_FILE = 'embedding_space.json';

/** Files a model may lack: a 404 for one of them leaves it out instead of failing the load. */
const OPTIONAL_MODEL_FILES: ReadonlySet<string> = new Set([EMBEDDING_SPACE_FILE]);

/**
 * Every file a browser load reads: ours (config, thresholds, embedding space) and transformers.js's
 * (tokenizer, graph).
 */
export const BROWSER_MODEL_FILES = [
  'config.json',
  'thresholds.json',
  EMBEDDING_SPACE_FILE,
  'tokenizer.json',
  'tokenizer_config.json',
  MODEL_FILE,
] as const;

interface Opened {
  file: string;
  url: URL;
  response: Response;
  total: number;
}

/** Fetched model files by absolute URL. */
export type ModelFiles = Map<string, Uint8Array>;

async function readBody(
  response: Response,
  onChunk: (loaded: number) => void,
  expected: number,
): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  let buffer = new Uint8Array(expected);
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > buffer.length) {
      // No or a wrong Content-Length (e.g. a compressing server): grow.
      const bigger = new Uint8Array(Math.max(buffer.length * 2, loaded + value.length));
      bigger.set(buffer.subarray(0, loaded));
      buffer = bigger;
    }
    buffer.set(value, loaded);
    loaded += value.length;
    onChunk(loaded);
  }
  return loaded === buffer.length ? buffer : buffer.slice(0, loaded);
}

/**
 * Fetches each model file exactly once, in parallel, reporting bytes as they arrive. Every response's
 * headers are awaited before any body is read, so the progress total is known from the first event
 * and the bar never moves backwards.
 */
export async function fetchModelFiles(
  base: URL,
  files: readonly string[],
  onProgress: (event: RuntimeProgressEvent) => void,
): Promise<ModelFiles> {
  const settled = await Promise.allSettled(
    files.map(async (file): Promise<Opened | undefined> => {
      const url = new URL(file, base);
      const response = await fetchModelUrl(url);
      if (response.status === 404 && OPTIONAL_MODEL_FILES.has(file)) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await refusedFetch(url, response);
      return { file, url, response, total: Number(response.headers.get('content-length')) || 0 };
    }),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    // Stop the downloads that did start; the load has failed already.
    for (const s of settled) if (s.status === 'fulfilled') await s.value?.response.body?.cancel();
    throw failed.reason;
  }
  const responses = settled
    .map((s) => (s as PromiseFulfilledResult<Opened | undefined>).value)
    .filter((opened) => opened !== undefined);
  for (const { file, total } of responses) onProgress({ status: 'progress', file, loaded: 0, total });
  const out: ModelFiles = new Map();
  await Promise.all(
    responses.map(async ({ file, url, response, total }) => {
      const bytes = await readBody(
        response,
        (loaded) => onProgress({ status: 'progress', file, loaded, total: Math.max(total, loaded) }),
        total,
      );
      onProgress({ status: 'done', file });
      out.set(url.href, bytes);
    }),
  );
  return out;
}

/** Files being loaded right now, across every Classifier.load in this realm. */
const served: ModelFiles = new Map();

/**
 * Hands fetched files to transformers.js through its custom-cache hook, so it reads them from memory
 * instead of fetching them again. Without this a browser load fetched the graph twice: with a
 * progress callback, transformers.js first GETs every model file of a local path to learn its size
 * (a plain GET, not a Range request, since the path is not a remote URL) and then GETs it again to
 * read it. Returns a function that forgets the files once the load is over.
 */
export function serveFilesToRuntime(env: typeof TransformersEnv, files: ModelFiles): () => void {
  for (const [url, bytes] of files) served.set(url, bytes);
  env.useCustomCache = true;
  env.customCache ??= {
    async match(request: string) {
      const href = new URL(request, (globalThis as { location?: { href: string } }).location?.href).href;
      const bytes = served.get(href);
      if (!bytes) return undefined;
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-length': String(bytes.byteLength) },
      });
    },
    // Files are only ever served from memory here; nothing is kept beyond a load.
    async put() {},
  };
  return () => {
    for (const url of files.keys()) served.delete(url);
  };
}
