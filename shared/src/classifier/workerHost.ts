import { Classifier } from './Classifier.ts';
import { ClassifierInputError, WorkerProtocolError } from './errors.ts';
import {
  WORKER_ERROR_NAMES,
  type WorkerErrorPayload,
  WorkerRequest,
  type WorkerResponse,
} from './protocol.ts';
import type { CustomTopic } from './schemas.ts';

function toPayload(error: unknown): WorkerErrorPayload {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const name = (WORKER_ERROR_NAMES as readonly string[]).includes(error.name)
    ? (error.name as WorkerErrorPayload['name'])
    : 'Error';
  const issues = error instanceof ClassifierInputError ? error.issues : undefined;
  return { name, message: error.message, ...(issues ? { issues } : {}) };
}

function requestIdOf(data: unknown): number | null {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/**
 * The worker side of the classifier protocol, apart from the Worker global so it can run anywhere a
 * message can be posted. Every request gets exactly one reply: its result, or an error naming the cause.
 */
export function createWorkerHost(post: (message: WorkerResponse) => void, load = Classifier.load) {
  let classifier: Promise<Classifier> | undefined;

  const loaded = (): Promise<Classifier> => {
    if (!classifier) throw new WorkerProtocolError('the classifier worker got a request before "init"');
    return classifier;
  };

  async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'init': {
        if (classifier) throw new WorkerProtocolError('the classifier worker was already initialised');
        classifier = load({
          ...request.options,
          onProgress: (progress) => post({ type: 'progress', progress }),
        });
        const c = await classifier;
        post({
          type: 'ready',
          id: request.id,
          info: { modelVersion: c.modelVersion, device: c.device, loadMs: c.loadMs },
        });
        return;
      }
      case 'classify': {
        const results = await (await loaded()).classify(request.texts);
        post({ type: 'result', id: request.id, results });
        return;
      }
      case 'setCustomTopics': {
        await (await loaded()).setCustomTopics(request.topics as CustomTopic[]);
        post({ type: 'done', id: request.id });
        return;
      }
      case 'dispose': {
        await (await loaded()).dispose();
        post({ type: 'done', id: request.id });
        return;
      }
    }
  }

  return {
    async receive(data: unknown): Promise<void> {
      const parsed = WorkerRequest.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        post({
          type: 'error',
          id: requestIdOf(data),
          error: {
            name: 'WorkerProtocolError',
            message: `bad request to the classifier worker: ${issue?.message}${at}`,
          },
        });
        return;
      }
      try {
        await handle(parsed.data);
      } catch (error) {
        post({ type: 'error', id: parsed.data.id, error: toPayload(error) });
      }
    },
  };
}
