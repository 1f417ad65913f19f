import { ModelLoadError } from './errors.ts';

/** Where the model lives, in the form transformers.js takes it, and a reader for our own JSON files. */
export interface ModelLocation {
  /** Passed to `from_pretrained`: an absolute directory (Node), a same-origin path or extension URL (browser). */
  id: string;
  /** For error messages. */
  display: string;
  /** Browsers: the folder's URL, which every model file is fetched relative to. */
  base?: URL;
  readText(file: string): Promise<string>;
}

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

/**
 * Node's fs through `process.getBuiltinModule` (Node ≥ 20.16) rather than an import, so this module
 * bundles for browsers and workers unchanged; undefined outside Node.
 */
function nodeModules(): { fs: Fs; path: Path } | undefined {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== 'function') return undefined;
  return { fs: proc.getBuiltinModule('node:fs/promises'), path: proc.getBuiltinModule('node:path') };
}

export function isNodeRuntime(): boolean {
  return nodeModules() !== undefined;
}

/**
 * Node: a local directory only. Browser: a URL of the page's own origin only (a path like `/models/default`,
 * or an extension's own URL) — the model never comes from a third party.
 */
export function resolveModelLocation(model: string): ModelLocation {
  const node = nodeModules();
  if (node) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(model)) {
      throw new ModelLoadError(`in Node the model must be a local directory, not a URL: ${model}`, model);
    }
    const dir = node.path.resolve(model);
    return {
      id: dir,
      display: dir,
      readText: async (file) => {
        const at = node.path.join(dir, file);
        try {
          return await node.fs.readFile(at, 'utf8');
        } catch (cause) {
          throw new ModelLoadError(`cannot read ${at}: ${(cause as Error).message}`, at, { cause });
        }
      },
    };
  }

  const page = (globalThis as { location?: { origin: string; href: string } }).location;
  if (!page) throw new ModelLoadError('no page origin to resolve the model URL against', model);
  const origin = page.origin;
  const base = new URL(model.endsWith('/') ? model : `${model}/`, page.href);
  if (base.origin !== origin) {
    throw new ModelLoadError(
      `the model must be served from this origin (${origin}), not ${base.origin}`,
      model,
    );
  }
  const isHttp = base.protocol === 'http:' || base.protocol === 'https:';
  // transformers.js treats an http(s) URL as remote (refused with allowRemoteModels off) and a path as local.
  const id = (isHttp ? base.pathname : base.href).replace(/\/$/, '');
  return {
    id,
    display: base.href,
    base,
    readText: async (file) => {
      const url = new URL(file, base);
      const response = await fetchModelUrl(url);
      if (!response.ok) throw await refusedFetch(url, response);
      return response.text();
    },
  };
}

/** Fetches one model file; a network failure is a ModelLoadError naming the URL. The caller checks the status. */
export async function fetchModelUrl(url: URL): Promise<Response> {
  try {
    return await fetch(url);
  } catch (cause) {
    throw new ModelLoadError(`cannot fetch ${url.href}: ${(cause as Error).message}`, url.href, { cause });
  }
}

/** The error for a model file the server answered with a failure status; its body is dropped unread. */
export async function refusedFetch(url: URL, response: Response): Promise<ModelLoadError> {
  await response.body?.cancel();
  return new ModelLoadError(`cannot fetch ${url.href}: HTTP ${response.status}`, url.href);
}
