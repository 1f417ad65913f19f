import { parentPort } from 'node:worker_threads';
import { createKeepAliveClient } from './keepAliveClient.ts';

// The ingest benchmark's load generator, run in a worker thread: webhooks come from the platforms' servers,
// so the HTTP client's own work must not take turns with the proxy on the proxy's event loop (where PGlite
// also runs). Lag is measured here too, sender and SSE reader on one clock.

export const WEBHOOK_SECRET = 'bench_secret';

const TEXTS = [
  'my withdrawal has been pending for three days, when will it arrive?',
  'deposit went through on my card but the balance is still zero',
  'I cannot log in, the reset link does not work',
  'where is my welcome bonus? I met the wagering',
  'the slot froze during free spins and I lost the round',
  'please close my account, I need to take a break from gambling',
  'thanks, all sorted now',
  'why do you need another selfie for verification??',
];

export type LoadRequest =
  | { kind: 'burst'; url: string; count: number; concurrency: number; firstId: number }
  | { kind: 'lag'; url: string; rate: number; seconds: number; firstId: number };

export interface BurstResult {
  acceptedMs: number;
  refused: number;
  resent: number;
}

export interface LagResult {
  lags: number[];
}

/** A Telegram update for message `n` (ids are unique across the run, so nothing is a redelivery). */
function update(n: number): { id: string; body: string } {
  const chat = 1000 + (n % 50);
  const body = JSON.stringify({
    update_id: n,
    message: {
      message_id: n,
      from: { id: chat, is_bot: false, first_name: 'P' },
      chat: { id: chat, type: 'private' },
      date: 1_764_000_000 + n,
      text: `${TEXTS[n % TEXTS.length]} #${n}`,
    },
  });
  return { id: `telegram:${chat}:${n}`, body };
}

type Client = ReturnType<typeof createKeepAliveClient>;

function telegramClient(url: string): Client {
  return createKeepAliveClient(url, '/v1/ingest/telegram', {
    'X-Telegram-Bot-Api-Secret-Token': WEBHOOK_SECRET,
  });
}

/** Posts until an answer comes: a dropped keep-alive socket is retried, as the platforms retry deliveries. */
async function deliver(client: Client, body: string): Promise<{ status: number; retries: number }> {
  for (let retries = 0; ; retries++) {
    try {
      const { status } = await client.post(body);
      return { status, retries };
    } catch (error) {
      if (retries === 3) throw error;
    }
  }
}

async function burst(request: Extract<LoadRequest, { kind: 'burst' }>): Promise<BurstResult> {
  const client = telegramClient(request.url);
  const start = performance.now();
  let next = request.firstId;
  const end = request.firstId + request.count;
  let refused = 0;
  let resent = 0;
  const sender = async () => {
    while (next < end) {
      const { body } = update(next++);
      const { status, retries } = await deliver(client, body);
      if (status !== 200) refused++;
      resent += retries;
    }
  };
  try {
    await Promise.all(Array.from({ length: request.concurrency }, sender));
  } finally {
    client.close();
  }
  return { acceptedMs: performance.now() - start, refused, resent };
}

async function lag(request: Extract<LoadRequest, { kind: 'lag' }>): Promise<LagResult> {
  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  const abort = new AbortController();
  const response = await fetch(`${request.url}/v1/events`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  const total = request.rate * request.seconds;
  let buffer = '';
  const reading = (async () => {
    while (lags.length < total) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += chunk.value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const at = sentAt.get((JSON.parse(data) as { id: string }).id);
        if (at !== undefined) lags.push(performance.now() - at);
      }
    }
  })().catch((error: unknown) => {
    // The abort below ends the read; a stream that broke earlier shows as fewer messages received.
    if (!abort.signal.aborted) console.error(`ingest bench: event stream ended: ${(error as Error).message}`);
  });
  const client = telegramClient(request.url);
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / request.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { id, body } = update(request.firstId + i);
    sentAt.set(id, performance.now());
    sends.push(deliver(client, body));
  }
  await Promise.all(sends).finally(() => client.close());
  await Promise.race([reading, new Promise((r) => setTimeout(r, 60_000))]);
  abort.abort();
  return { lags };
}

parentPort?.on('message', (request: LoadRequest) => {
  const work = request.kind === 'burst' ? burst(request) : lag(request);
  work.then(
    (result) => parentPort?.postMessage({ result }),
    (error: unknown) => parentPort?.postMessage({ error: (error as Error).message ?? String(error) }),
  );
});
