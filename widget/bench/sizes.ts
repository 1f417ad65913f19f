/**
 * Which built files count as the loader, the app and the model runtime, and their gzip sizes: one definition
 * for the size bench (run.ts) and the per-module attribution (attribute.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const gz = (file: string) => gzipSync(readFileSync(file)).length;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Chunks a bundle file imports: statically (`from"./x.js"`, fetched before it runs) and, with `lazy`, dynamically. */
function imports(file: string, lazy: boolean): string[] {
  const code = readFileSync(file, 'utf8');
  const re = lazy
    ? /(?:from\s*|import\(\s*)["'`](\.\.?\/[^"'`]+\.js)["'`]/g
    : /from\s*["'](\.\.?\/[^"']+\.js)["']/g;
  return [...code.matchAll(re)].map((m) => path.join(path.dirname(file), m[1] as string));
}

function closure(roots: string[], lazy: boolean, stop = new Set<string>()): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  for (let f = todo.pop(); f; f = todo.pop()) {
    if (seen.has(f) || stop.has(f)) continue;
    seen.add(f);
    todo.push(...imports(f, lazy));
  }
  return seen;
}

/** The built files of `dist` by role: absolute paths. */
export function roles(dist: string) {
  const js = files(dist).filter((f) => f.endsWith('.js'));
  const rel = (f: string) => path.relative(dist, f);
  // The model runtime is what the "try the classifier" box loads: its starter chunk (src/classifier/load.ts)
  // and everything only it pulls in (the classifier client, transformers.js glue, the worker).
  const starter = js.filter((f) => /(^|\/)chunks\/load-/.test(rel(f)));
  const initial = closure([path.join(dist, 'app.js')], false);
  const modelRuntime = new Set([
    ...closure(starter, true, initial),
    ...js.filter((f) => /(^|\/)assets\/worker-/.test(rel(f))),
  ]);
  // Everything else is the app: its first load (panel, views, the chart's legend and controls) plus the
  // chunks it imports lazily that are not the model runtime, i.e. the chart library (uPlot), which the
  // dashboard fetches as it opens. The 45 KB target is for all of it.
  const app = js.filter((f) => /^(app\.js$|chunks\/|assets\/)/.test(rel(f)) && !modelRuntime.has(f));
  return { rel, initial, modelRuntime, app, lazy: app.filter((f) => !initial.has(f)) };
}

export function sizes(dist: string) {
  const { rel, initial, modelRuntime, app, lazy } = roles(dist);
  return {
    loader_gzip_bytes: gz(path.join(dist, 'widget.js')),
    app_initial_gzip_bytes: [...initial].reduce((n, f) => n + gz(f), 0),
    app_lazy_gzip_bytes: lazy.reduce((n, f) => n + gz(f), 0),
    app_lazy_files: lazy.map(rel),
    app_total_gzip_bytes: app.reduce((n, f) => n + gz(f), 0),
    model_runtime_gzip_bytes: [...modelRuntime].reduce((n, f) => n + gz(f), 0),
    app_files: app.map((f) => ({ file: rel(f), gzip_bytes: gz(f), first_load: initial.has(f) })),
    model_runtime_files: [...modelRuntime].map((f) => ({ file: rel(f), gzip_bytes: gz(f) })),
  };
}
