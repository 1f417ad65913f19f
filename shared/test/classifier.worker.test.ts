import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerEndpoint } from '../src/classifier/client.ts';
import {
  ClassifierDisposedError,
  ClassifierInputError,
  createClassifierWorker,
  ModelLoadError,
  WorkerProtocolError,
  type WorkerResponse,
} from '../src/classifier/index.ts';
import { createWorkerHost } from '../src/classifier/workerHost.ts';

const MODEL =
  process.env.SA_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../models/default', import.meta.url));

/** The worker side over a real MessageChannel (structured clone included), without a browser. */
function hostOn(port: MessagePort) {
  const host = createWorkerHost((message) => port.postMessage(message));
  port.on('message', (data) => void host.receive(data));
  return host;
}

function endpointOf(port: MessagePort): WorkerEndpoint & { closed: boolean } {
  const endpoint = {
    closed: false,
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (type: string, listener: (event: Event) => void) => {
      if (type === 'message') port.on('message', (data) => listener({ data } as unknown as Event));
    },
    terminate: () => {
      endpoint.closed = true;
      port.close();
    },
  };
  return endpoint;
}

/** Sends raw messages to a host and collects its replies. */
function rawHost() {
  const replies: WorkerResponse[] = [];
  const host = createWorkerHost((m) => replies.push(m));
  return { host, replies };
}

describe('classifier worker host (protocol)', () => {
  it('answers a malformed request with a protocol error tied to its id when it has one', async () => {
    const { host, replies } = rawHost();
    await host.receive({ type: 'classify', id: 7, texts: 'not an array' });
    await host.receive({ type: 'explode', id: 8 });
    await host.receive('garbage');
    expect(replies).toEqual([
      {
        type: 'error',
        id: 7,
        error: { name: 'WorkerProtocolError', message: expect.stringMatching(/at texts$/) },
      },
      {
        type: 'error',
        id: 8,
        error: { name: 'WorkerProtocolError', message: expect.stringMatching(/bad request/) },
      },
      { type: 'error', id: null, error: { name: 'WorkerProtocolError', message: expect.any(String) } },
    ]);
  });

  it('refuses work before init, and unknown init options', async () => {
    const { host, replies } = rawHost();
    await host.receive({ type: 'classify', id: 1, texts: ['hi'] });
    await host.receive({ type: 'init', id: 2, options: { model: MODEL, shards: 3 } });
    expect(replies[0]).toMatchObject({
      id: 1,
      error: { name: 'WorkerProtocolError', message: /before "init"/ },
    });
    expect(replies[1]).toMatchObject({ id: 2, error: { name: 'WorkerProtocolError', message: /shards/ } });
  });

  it('reports a missing model as ModelLoadError', async () => {
    const { host, replies } = rawHost();
    await host.receive({ type: 'init', id: 1, options: { model: '/nonexistent/model' } });
    expect(replies.at(-1)).toMatchObject({
      id: 1,
      error: { name: 'ModelLoadError', message: /config\.json/ },
    });
  });
});

describe('createClassifierWorker over a message channel', () => {
  const channel = new MessageChannel();
  hostOn(channel.port2);
  const endpoint = endpointOf(channel.port1);
  const client = createClassifierWorker(endpoint, { model: MODEL, batchSize: 4 });
  const progress: number[] = [];
  client.onProgress((p) => progress.push(p.fraction));

  beforeAll(async () => {
    await client.ready;
  }, 120_000);
  afterAll(async () => {
    await client.dispose();
    channel.port2.close();
  });

  it('loads, reports progress up to ready, and classifies', async () => {
    const info = await client.ready;
    expect(info.device).toBe('cpu');
    expect(progress.at(-1)).toBe(1);
    const results = await client.classify(['where is my withdrawal', 'hi']);
    expect(results).toHaveLength(2);
    expect(results[0]?.model_version).toBe(info.modelVersion);
  });

  it('rejects bad texts with a ClassifierInputError carrying the issue path', async () => {
    const error = await client.classify(['fine', '   ']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierInputError);
    expect((error as ClassifierInputError).issues[0]?.path).toEqual([1]);
  });

  it('rejects a bad custom topic and accepts a good one', async () => {
    const bad = await client
      .setCustomTopics([{ name: 'Deposit!', description: 'x', examples: ['y'] }])
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ClassifierInputError);
    await client.setCustomTopics([
      { name: 'odds', description: 'odds', examples: ['what are the odds on the derby'] },
    ]);
    const [result] = await client.classify(['what are the odds on the derby']);
    expect(result?.topic_scores.odds).toBeGreaterThan(0.99);
  });

  it('fails every call once the worker sends something off-protocol', async () => {
    const rogue = new MessageChannel();
    const c = createClassifierWorker(endpointOf(rogue.port1), { model: MODEL });
    rogue.port2.postMessage({ type: 'ready', id: 0, info: { modelVersion: 'x', device: 'gpu', loadMs: 1 } });
    await expect(c.ready).rejects.toBeInstanceOf(WorkerProtocolError);
    await expect(c.classify(['hi'])).rejects.toBeInstanceOf(WorkerProtocolError);
    rogue.port2.close();
    await c.dispose();
  });

  it('surfaces a load failure on ready and on classify', async () => {
    const ch = new MessageChannel();
    hostOn(ch.port2);
    const c = createClassifierWorker(endpointOf(ch.port1), { model: '/nonexistent/model' });
    await expect(c.ready).rejects.toBeInstanceOf(ModelLoadError);
    await expect(c.classify(['hi'])).rejects.toBeInstanceOf(ModelLoadError);
    await c.dispose();
    ch.port2.close();
  });

  it('refuses calls after dispose and terminates the worker', async () => {
    const ch = new MessageChannel();
    hostOn(ch.port2);
    const ep = endpointOf(ch.port1);
    const c = createClassifierWorker(ep, { model: MODEL, warmup: false });
    await c.ready;
    await c.dispose();
    expect(ep.closed).toBe(true);
    await expect(c.classify(['hi'])).rejects.toBeInstanceOf(ClassifierDisposedError);
    ch.port2.close();
  });
});
