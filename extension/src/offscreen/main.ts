import { createClassifierWorker } from '@sa/shared/classifier/client';
import ClassifierWorker from '@sa/shared/classifier/worker?worker';
import browser from 'webextension-polyfill';
import { type ClassifyReply, ToOffscreen } from '../messages.ts';

/**
 * The classifier, loaded once for the browser session: the shared worker with the model and the ONNX
 * runtime packaged in the extension (no network), WebGPU when an adapter exists, else WASM.
 */
const classifier = createClassifierWorker(new ClassifierWorker(), {
  model: chrome.runtime.getURL('models/default'),
  wasmPaths: chrome.runtime.getURL('ort/'),
  device: 'auto',
});

async function handle(
  message: ToOffscreen,
): Promise<ClassifyReply | { ok: true } | { ok: false; error: string }> {
  try {
    if (message.type === 'classify') return { ok: true, results: await classifier.classify(message.texts) };
    await classifier.setCustomTopics(message.topics);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

browser.runtime.onMessage.addListener((raw: unknown) => {
  const parsed = ToOffscreen.safeParse(raw);
  return parsed.success ? handle(parsed.data) : undefined;
});
