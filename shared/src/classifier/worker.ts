/// <reference lib="webworker" />
/**
 * Web Worker entry of the browser classifier: load it with
 * `new Worker(new URL('@sa/shared/classifier/worker', import.meta.url), { type: 'module' })`
 * (or a bundled URL) and talk to it through `createClassifierWorker`.
 */
import { createWorkerHost } from './workerHost.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = createWorkerHost((message) => scope.postMessage(message));
scope.addEventListener('message', (event: MessageEvent) => {
  void host.receive(event.data);
});
