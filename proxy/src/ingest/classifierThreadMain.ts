import { parentPort, workerData } from 'node:worker_threads';
import { Classifier } from '@sa/shared/classifier';
import type { ThreadReply, ThreadRequest } from './classifierThreadProtocol.ts';

// The classifier thread (see classifierThread.ts): loads the model once, then classifies each request in turn.

const port = parentPort;
if (!port) throw new Error('classifierThreadMain.ts runs as a worker thread, started by ClassifierThread');
const post = (reply: ThreadReply) => port.postMessage(reply);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

try {
  const classifier = await Classifier.load({ model: (workerData as { modelDir: string }).modelDir });
  port.on('message', (request: ThreadRequest) => {
    classifier.classify(request.texts).then(
      (results) => post({ type: 'result', id: request.id, results }),
      (error: unknown) => post({ type: 'failed', id: request.id, message: reason(error) }),
    );
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'loadFailed', message: reason(error) });
}
