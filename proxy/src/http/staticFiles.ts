import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { getMimeType, mimes } from 'hono/utils/mime';
import { HttpError } from './errors.ts';

const EXTRA_TYPES: Record<string, string> = {
  onnx: 'application/octet-stream',
  wasm: 'application/wasm',
  mjs: 'text/javascript; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return getMimeType(file, { ...mimes, ...EXTRA_TYPES }) ?? 'application/octet-stream';
}

/**
 * A path below a served folder, or null when it would leave it: no `..`, no dot-files, no
 * backslashes or NUL bytes, nothing outside `root` after resolving.
 */
export function safeJoin(root: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return null;
  const resolved = path.resolve(root, ...segments);
  return resolved.startsWith(path.resolve(root) + path.sep) ? resolved : null;
}

export interface ServeFileOptions {
  cacheControl: string;
  /** Static assets are fetched by pages on other origins (the widget's host page, model loads). */
  crossOrigin?: boolean;
}

/**
 * Streams one file with its content type, an ETag from size and mtime, and 304 for a matching
 * If-None-Match. Returns null when there is no such regular file.
 */
export async function serveFile(
  c: Context,
  file: string,
  options: ServeFileOptions,
): Promise<Response | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  const headers: Record<string, string> = {
    'Content-Type': contentTypeFor(file),
    'Cache-Control': options.cacheControl,
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  if (options.crossOrigin) {
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
    return c.body(null, 304, headers);
  }
  headers['Content-Length'] = String(info.size);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  const stream = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return c.body(stream, 200, headers);
}

export interface StaticFolderOptions {
  /** Cache policy per file (relative path given). */
  cacheControl: (relative: string) => string;
  crossOrigin?: boolean;
  /** Said in the 404 when the folder itself is missing (e.g. how to build it). */
  missingFolderHint: string;
}

/** A handler for `<prefix>/*` that serves files from `root`. */
export function staticFolder(prefix: string, root: string, options: StaticFolderOptions) {
  return async (c: Context) => {
    // The raw (still percent-encoded) path, so safeJoin decodes exactly once.
    const relative = new URL(c.req.url).pathname.slice(prefix.length);
    const file = safeJoin(root, relative);
    if (!file) throw new HttpError(404, 'not_found', `no file ${c.req.path}`);
    const response = await serveFile(c, file, {
      cacheControl: options.cacheControl(relative),
      crossOrigin: options.crossOrigin ?? false,
    });
    if (response) return response;
    const folder = await stat(root).catch(() => null);
    throw new HttpError(
      404,
      'not_found',
      folder?.isDirectory()
        ? `no file ${c.req.path}`
        : `${c.req.path} is not available: ${options.missingFolderHint}`,
    );
  };
}
