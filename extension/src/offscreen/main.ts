import type { CustomTopic } from '@sa/shared/classifier';
import { createClassifierWorker } from '@sa/shared/classifier/client';
import ClassifierWorker from '@sa/shared/classifier/worker?worker';
import browser from 'webextension-polyfill';
import { type ClassifyReply, type OffscreenInfoReply, ToOffscreen } from '../messages.ts';

/**
 * The classifier, loaded once for the browser session: the shared worker with the model and the ONNX
 * runtime packaged in the extension (no network), WebGPU when an adapter exists, else WASM.
 */
function start() {
  return createClassifierWorker(new ClassifierWorker(), {
    model: chrome.runtime.getURL('models/default'),
    wasmPaths: chrome.runtime.getURL('ort/'),
    device: 'auto',
  });
}

let classifier = start();
let customTopics: readonly CustomTopic[] = [];

/**
 * The classifier, started again if its model failed to load: a failed load never recovers by itself, and
 * the content script's retries would otherwise only repeat the same error.
 */
async function ready(): Promise<ReturnType<typeof start>> {
  try {
    await classifier.ready;
  } catch {
    void classifier.dispose();
    classifier = start();
    if (customTopics.length) await classifier.setCustomTopics(customTopics);
  }
  return classifier;
}

async function handle(message: ToOffscreen): Promise<ClassifyReply | OffscreenInfoReply | { ok: true }> {
  try {
    if (message.type === 'classify')
      return { ok: true, results: await (await ready()).classify(message.texts) };
    if (message.type === 'info') return { ok: true, info: await (await ready()).ready };
    customTopics = message.topics;
    await (await ready()).setCustomTopics(message.topics);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

browser.runtime.onMessage.addListener((raw: unknown) => {
  const parsed = ToOffscreen.safeParse(raw);
  return parsed.success ? handle(parsed.data) : undefined;
});
