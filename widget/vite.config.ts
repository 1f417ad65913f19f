import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * transformers.js references its ONNX WASM files by `new URL(..., import.meta.url)`, which would copy 27 MB
 * into dist. The widget always points the runtime at the proxy's `/ort/` files instead, so drop them.
 */
function dropOrtWasm(): Plugin {
  return {
    name: 'sa-drop-ort-wasm',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith('.wasm')) delete bundle[name];
    },
  };
}

/**
 * Vite wraps each dynamic import in a helper that first preloads the imported chunk's own imports and CSS. With
 * modulePreload off and all CSS in the app chunk, the list it gets is always empty, so the helper (0.9 KB gzip,
 * in a chunk of its own) would only call the import: it becomes that call. Should either setting change, the
 * build stops here instead of silently dropping preloads.
 */
function noPreloadHelper(): Plugin {
  const helperId = '\0vite/preload-helper.js';
  return {
    name: 'sa-no-preload-helper',
    enforce: 'pre',
    configResolved({ build }) {
      if (build.modulePreload !== false || build.cssCodeSplit !== false)
        throw new Error('sa-no-preload-helper needs build.modulePreload and build.cssCodeSplit set to false');
    },
    load(id) {
      if (id === helperId) return 'export const __vitePreload = (load) => load();';
    },
  };
}

/**
 * uPlot's npm build hangs every optional path builder and its data joiner on the uPlot function
 * (`uPlot.paths.bars = bars`, …), so no minifier can drop them although the chart never uses them: it draws
 * lines and stacked bands with the default linear paths (kept, with the points builder, since uPlot falls back to
 * them internally). Taking out these assignments lets tree-shaking remove the builders: -2.4 KB gzip. The
 * statements are matched exactly; if a uPlot update changes them, the build stops here instead of shipping them.
 */
function uplotUnusedPaths(): Plugin {
  const unused = [
    'uPlot.join = join;',
    '(paths.stepped = stepped);',
    '(paths.bars    = bars);',
    '(paths.spline  = monotoneCubic);',
  ];
  return {
    name: 'sa-uplot-unused-paths',
    transform: {
      filter: { id: /[\\/]uplot[\\/]dist[\\/]uPlot\.esm\.js$/ },
      handler(code) {
        let out = code;
        for (const statement of unused) {
          if (out.split(statement).length !== 2)
            this.error(`uPlot's dist no longer has "${statement}" once; update sa-uplot-unused-paths`);
          out = out.replace(statement, '');
        }
        return { code: out, map: null };
      },
    },
  };
}

/**
 * The app build: `app.js` (what widget.js imports) plus lazily loaded chunks (uPlot, the classifier
 * client and its worker). `base: './'` makes every chunk and worker URL relative to the importing file,
 * so dist/ works from any static host and path.
 */
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false }), dropOrtWasm(), noPreloadHelper(), uplotUnusedPaths()],
  base: './',
  publicDir: 'public',
  worker: { format: 'es', plugins: () => [dropOrtWasm()] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // light-dark() and color-mix() drive the theme; every browser since mid-2024 has them.
    cssTarget: ['chrome123', 'firefox120', 'safari17.5'],
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: {
      input: { app: 'src/app.ts' },
      preserveEntrySignatures: 'strict',
      // The page only needs the classifier's worker client; without this the model runtime the
      // client module never calls would be bundled for the main thread as well (it runs in the worker).
      // shared/time's modules only build tables at load (time words, date patterns): the page uses a few
      // window functions, and without this the tables of the word parser it never calls came along.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/](@huggingface|onnxruntime-web)[\\/]|[\\/]shared[\\/]src[\\/]time[\\/]/.test(id),
      },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
