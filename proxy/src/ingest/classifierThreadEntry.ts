/**
 * Where the classifier thread's entry module is. The proxy bundle (scripts/bundle.ts) replaces this module
 * with one naming the entry it builds beside itself, since the sources are not in the image.
 */
export const CLASSIFIER_THREAD_ENTRY = new URL('./classifierThreadMain.ts', import.meta.url);
