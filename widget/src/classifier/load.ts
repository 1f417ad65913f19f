import type { ClassifierWorkerClient } from '@sa/shared/classifier';
import './jitless.ts';

/**
 * Starts the browser classifier (WebGPU when available, else WASM) in a Web Worker. Imported lazily:
 * the classifier client and the model runtime never weigh on the first paint.
 */
export async function startClassifier(options: {
  modelUrl: string;
  wasmUrl: string;
}): Promise<ClassifierWorkerClient> {
  const { createClassifierWorker } = await import('@sa/shared/classifier');
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name: 'sa-classifier',
  });
  return createClassifierWorker(worker, {
    model: options.modelUrl,
    wasmPaths: options.wasmUrl,
    device: 'auto',
  });
}
