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
  requestAdapter(): Promise<{ requestDevice(): Promise<{ destroy(): void }> } | null>;
}

/**
 * Node runs on CPU. A browser uses WebGPU when an adapter exists and hands out a device (a blocklisted
 * or lost GPU often has the one but not the other), else WASM; the probe's device is released at once.
 */
export async function resolveDevice(requested: ClassifierDevice, node: boolean): Promise<ResolvedDevice> {
  if (node) return requested === 'auto' ? 'cpu' : requested;
  if (requested !== 'auto') return requested;
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return 'wasm';
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'wasm';
    (await adapter.requestDevice()).destroy();
    return 'webgpu';
  } catch {
    return 'wasm';
  }
}

/**
 * Session options for `device`. An automatically chosen WebGPU lists WASM after it, so if onnxruntime
 * cannot start its WebGPU backend after all the session still loads, on WASM: a failed session
 * creation cannot be retried in the same realm (transformers.js chains session creations, and one
 * rejection fails every later one).
 */
export function sessionOptionsFor(
  device: ResolvedDevice,
  automatic: boolean,
  cpuThreads: number | undefined,
): Record<string, unknown> {
  if (device === 'cpu') return cpuSessionOptions(cpuThreads);
  if (device === 'webgpu' && automatic) return { executionProviders: ['webgpu', 'wasm'] };
  return {};
}

/**
 * onnxruntime-node: none of the intra-op threads spin while waiting for work; on a server that shares
 * its cores (HTTP, database, other processes) spinning steals the CPU the model needs (measured under
 * load: 1.6–2.9× the batch throughput with spinning off). `threads` unset leaves onnxruntime's one per
 * core. On the 2-core machine under load (7 interleaved runs, 2-layer model), 1 thread gave
 * single-message calls 0.39–0.62 ms against 0.58–0.76 ms with 2, but batches 1,500–3,100 msg/s
 * against 2,100–4,200: the second thread helps once a pass has enough rows to split.
 */
function cpuSessionOptions(threads: number | undefined): Record<string, unknown> {
  return {
    ...(threads ? { intraOpNumThreads: threads } : {}),
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

/** The device a loaded session really runs on: onnxruntime sets `webgpu.device` only once its WebGPU backend started. */
export function effectiveDevice(env: typeof TransformersEnv, chosen: ResolvedDevice): ResolvedDevice {
  if (chosen !== 'webgpu') return chosen;
  return (env.backends.onnx as { webgpu?: { device?: unknown } }).webgpu?.device ? 'webgpu' : 'wasm';
}
