import { defineConfig } from 'vite';

/** widget.js, the script tag's loader: one classic (IIFE) file, no dependencies. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/loader.ts',
      formats: ['iife'],
      name: 'SupportAnalyticsLoader',
      fileName: () => 'widget.js',
    },
  },
});
