import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import manifest from './src/manifest.config.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MODEL_DIR = path.resolve(HERE, '../models/default');

/** onnxruntime-web ships with transformers.js; pnpm keeps it beside that package. */
function ortDistDir(): string {
  const fromShared = createRequire(path.resolve(HERE, '../shared/package.json'));
  const fromTransformers = createRequire(fromShared.resolve('@huggingface/transformers'));
  return path.dirname(fromTransformers.resolve('onnxruntime-web'));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Packages the model and the ONNX runtime's WASM files at fixed paths (`models/default/`, `ort/`), so
 * the classifier loads them from the extension itself. The copies transformers.js would emit under
 * hashed names are dropped: the runtime is always pointed at `ort/`. The asyncify build is kept for
 * WebGPU, which needs it.
 */
function packageModel(): Plugin {
  return {
    name: 'sa-package-model',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith('.wasm')) delete bundle[name];
      for (const file of filesUnder(MODEL_DIR)) {
        if (file.endsWith('.md')) continue;
        const fileName = `models/default/${path.relative(MODEL_DIR, file).split(path.sep).join('/')}`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
      const ort = ortDistDir();
      for (const build of ['ort-wasm-simd-threaded', 'ort-wasm-simd-threaded.asyncify']) {
        for (const ext of ['mjs', 'wasm']) {
          const fileName = `ort/${build}.${ext}`;
          this.emitFile({ type: 'asset', fileName, source: readFileSync(path.join(ort, `${build}.${ext}`)) });
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [crx({ manifest }), packageModel()],
  worker: { format: 'es', plugins: () => [packageModelDropOnly()] },
  build: {
    outDir: 'dist/extension',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { offscreen: 'src/offscreen/offscreen.html' },
      // Pages and the content script use only the classifier's schemas; the model runtime runs in the
      // worker. Without this its side-effect imports would be bundled into every entry.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/](@huggingface|onnxruntime-web)[\\/]/.test(id) },
    },
  },
});

/** In the worker bundle only the drop is needed; the files are emitted once by the main build. */
function packageModelDropOnly(): Plugin {
  return {
    name: 'sa-drop-ort-wasm',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) if (name.endsWith('.wasm')) delete bundle[name];
    },
  };
}
