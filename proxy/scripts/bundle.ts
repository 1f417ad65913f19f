import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const PROXY_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = path.resolve(PROXY_DIR, '..');
export const BUNDLE_DIR = path.join(PROXY_DIR, 'dist');
const ENTRY = path.join(PROXY_DIR, 'src', 'serverBundle.ts');
/** The inbox's classifier thread runs a module of its own: built beside the bundle as classifierThread.mjs. */
const CLASSIFIER_THREAD = path.join(PROXY_DIR, 'src', 'ingest', 'classifierThreadMain.ts');

/**
 * Packages that find files next to their own modules at run time (PGlite's WASM and data files, the ONNX
 * runtime's native and WASM binaries): bundled they would look for them beside the bundle. They stay in
 * node_modules, which the image installs with the proxy's production dependencies.
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@huggingface/transformers',
  'onnxruntime-node',
  'onnxruntime-web',
  'sharp',
];

/**
 * The sources find the repository's files (SQL migrations, the model, the built widget) relative to their own
 * `import.meta.url`. In the bundle each module's `import.meta.url` becomes the URL its source file has
 * relative to the bundle, so those paths still resolve as long as the bundle sits in the repository layout:
 * proxy/dist/server.mjs beside proxy/supabase/migrations, models/default and widget/dist (the image keeps it).
 */
function sourceLocations(outdir: string): Plugin {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(REPO_ROOT) || args.path.includes(`${path.sep}node_modules${path.sep}`))
          return;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * classifierThreadEntry.ts names the thread's TypeScript entry next to itself; in the bundle it names the built
 * classifierThread.mjs next to the bundle instead (the image has neither the sources nor tsx).
 */
function classifierThreadBeside(): Plugin {
  return {
    name: 'classifier-thread-entry',
    setup(b) {
      b.onLoad({ filter: /[\\/]ingest[\\/]classifierThreadEntry\.ts$/ }, () => ({
        contents:
          "export const CLASSIFIER_THREAD_ENTRY = new URL('./classifierThread.mjs', import.meta.url);",
        loader: 'ts',
      }));
    },
  };
}

/**
 * Builds the proxy into `outdir`/server.mjs and its classifier thread into classifierThread.mjs beside it (ESM
 * for Node 20, minified, no source maps); returns the server's path.
 */
export async function bundleProxy(outdir = BUNDLE_DIR): Promise<string> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const outfile = path.join(outdir, 'server.mjs');
  await build({
    entryPoints: { server: ENTRY, classifierThread: CLASSIFIER_THREAD },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    external: EXTERNAL,
    plugins: [classifierThreadBeside(), sourceLocations(outdir)],
    // Bundled CommonJS dependencies call require(); ESM has none unless we make one.
    banner: {
      js: "import { createRequire as __saCreateRequire } from 'node:module'; const require = __saCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outfile = await bundleProxy();
  const { size } = await stat(outfile);
  process.stdout.write(`${path.relative(REPO_ROOT, outfile)}: ${(size / 1024 / 1024).toFixed(1)} MB\n`);
}
