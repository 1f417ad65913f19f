import type { env as TransformersEnv } from '@huggingface/transformers';
import type { ClassifierDevice } from './schemas.ts';

export type ResolvedDevice = Exclude<ClassifierDevice, 'auto'>;

export const DEFAULT_WASM_PATHS = '/ort/';

/**
 * Locks transformers.js to local files: no hub, no CDN. In browsers the ONNX runtime's WASM files come
 * from our own server (`wasmPaths`, a directory URL), and the Cache API is off so a new model at the
 * same URL is picked up through ordinary HTTP caching instead of a stale copy. Plain WASM uses the
 * plain runtime build (14 MB); only WebGPU needs the asyncify build (27 MB).
 */
export function lockDownRuntime(
  env: typeof TransformersEnv,
  options: { device: ResolvedDevice; wasmPaths: string },
): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  if (options.device === 'cpu') return;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const wasm = env.backends.onnx.wasm;
  if (!wasm) return;
  const dir = options.wasmPaths.endsWith('/') ? options.wasmPaths : `${options.wasmPaths}/`;
  const build = options.device === 'webgpu' ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
  wasm.wasmPaths = { mjs: `${dir}${build}.mjs`, wasm: `${dir}${build}.wasm` };
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

/** Node runs on CPU; a browser uses WebGPU when an adapter exists, else WASM. */
export async function resolveDevice(requested: ClassifierDevice, node: boolean): Promise<ResolvedDevice> {
  if (node) return requested === 'auto' ? 'cpu' : requested;
  if (requested !== 'auto') return requested;
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return 'wasm';
  try {
    return (await gpu.requestAdapter()) ? 'webgpu' : 'wasm';
  } catch {
    return 'wasm';
  }
}
