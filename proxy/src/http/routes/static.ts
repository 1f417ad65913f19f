import path from 'node:path';
import { Hono } from 'hono';
import type { Config } from '../../config/index.ts';
import type { AppEnv } from '../env.ts';
import { serveFile, staticFolder } from '../staticFiles.ts';

export const WIDGET_BUILD_HINT =
  'the widget is not built; run `pnpm --filter @sa/widget build` (pnpm demo does it)';
/** The demo admin page, as the widget build names it; the first one found is served at `/`. */
export const DEMO_PAGES = ['demo.html', 'index.html'];

/** Where browsers load the classifier model from (the shared classifier's default browser location). */
export const MODEL_URL_PATH = '/models/default';

/** Vite names bundles `<name>-<hash>.<ext>`; those never change, so browsers may keep them for good. */
const HASHED_NAME = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function widgetCacheControl(relative: string): string {
  // The loader (widget.js) and pages keep their names across releases: revalidate them every time.
  return HASHED_NAME.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Files for browsers, all from our own origin (never a CDN): the widget build, the demo page at `/`,
 * the classifier model (`/models/default/*`, from MODEL_DIR) and onnxruntime-web's WASM runtime (`/ort/*`).
 */
export function staticRoutes(paths: Config['paths']) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      for (const name of DEMO_PAGES) {
        const page = await serveFile(c, path.join(paths.widgetDist, name), { cacheControl: 'no-cache' });
        if (page) return page;
      }
      return c.html(buildNote(), 503, { 'Retry-After': '30', 'Cache-Control': 'no-store' });
    })
    .get(
      '/widget/*',
      staticFolder('/widget', paths.widgetDist, {
        cacheControl: widgetCacheControl,
        crossOrigin: true,
        missingFolderHint: WIDGET_BUILD_HINT,
      }),
    )
    .get(
      `${MODEL_URL_PATH}/*`,
      staticFolder(MODEL_URL_PATH, paths.modelDir, {
        // Retraining replaces files under the same names.
        cacheControl: () => 'no-cache',
        crossOrigin: true,
        missingFolderHint: `no model folder at ${paths.modelDir}; train one with \`pnpm models:train\` or set MODEL_DIR`,
      }),
    )
    .get(
      '/ort/*',
      staticFolder('/ort', paths.ortDist, {
        cacheControl: () => 'public, max-age=86400',
        crossOrigin: true,
        missingFolderHint: 'onnxruntime-web is not installed; run `pnpm install`',
      }),
    );
}

function buildNote(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support analytics: widget not built</title></head>
<body><h1>The widget is not built yet</h1>
<p>Run <code>pnpm --filter @sa/widget build</code> (or <code>pnpm demo</code>, which builds it) and reload.</p>
<p>The API is up: see <a href="/healthz">/healthz</a> and <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>
`;
}
