import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for the OpenAI and Gemini HTTP APIs, speaking their real streaming wire formats
 * (chat.completion.chunk SSE; streamGenerateContent?alt=sse). Each request is answered by the next step of a
 * script, which sees the request body, so a test can read the tool results the proxy sent back.
 */
export interface ScriptedCall {
  name: string;
  args: Record<string, unknown>;
}

/**
 * `hangMs`: nothing at all for that long (a provider that is down or overloaded); `stallMs`: the stream starts,
 * then stalls; `status`: an HTTP error with the provider's error body (429 with Retry-After).
 */
export type Reply =
  | { text: string }
  | { calls: ScriptedCall[] }
  | { hangMs: number }
  | { stallMs: number }
  | { status: number };
export type Step = (body: Record<string, unknown>) => Reply;

export interface FakeServer {
  url: string;
  /** Every request body received, in order. */
  requests: Record<string, unknown>[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

function sse(res: ServerResponse, events: unknown[], done?: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
  if (done) res.write(`data: ${done}\n\n`);
  res.end();
}

async function start(
  handle: (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void,
  requests: Record<string, unknown>[],
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        requests.push(body);
        handle(body, req, res);
      })
      .catch((error: Error) => {
        res.writeHead(500).end(error.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** The error bodies each API sends with a status (OpenAI: `error.type/code`; Google: `error.status`). */
function errorReply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(status === 429 ? { 'retry-after': '20' } : {}),
  });
  res.end(JSON.stringify(body));
}

/** A stream that sends its first event, then nothing more until `ms` have passed. */
function stalled(res: ServerResponse, first: unknown, ms: number, done?: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(`data: ${JSON.stringify(first)}\n\n`);
  setTimeout(() => res.end(done ? `data: ${done}\n\n` : undefined), ms);
}

function nextStep(script: Step[], index: number, body: Record<string, unknown>): Reply {
  const step = script[index];
  if (!step) throw new Error(`the script has no step ${index + 1}`);
  return step(body);
}

/** POST /v1/chat/completions with `stream: true`: text and tool calls arrive as chat.completion.chunk deltas. */
export async function startOpenAiServer(script: Step[]): Promise<FakeServer> {
  const requests: Record<string, unknown>[] = [];
  let index = 0;
  const { server, url } = await start((body, req, res) => {
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const reply = nextStep(script, index++, body);
    if ('hangMs' in reply) {
      setTimeout(() => sse(res, [], '[DONE]'), reply.hangMs);
      return;
    }
    if ('status' in reply) {
      errorReply(res, reply.status, {
        error: {
          message: 'Rate limit reached for requests. Please try again in 20s.',
          type: 'requests',
          param: null,
          code: reply.status === 429 ? 'rate_limit_exceeded' : 'server_error',
        },
      });
      return;
    }
    const base = {
      id: `chatcmpl-${index}`,
      object: 'chat.completion.chunk',
      created: 1_764_000_000,
      model: String(body.model),
    };
    if ('stallMs' in reply) {
      const first = {
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      };
      stalled(res, first, reply.stallMs, '[DONE]');
      return;
    }
    const chunks: unknown[] = [];
    if ('text' in reply) {
      // Streamed in a few pieces, as the real API does.
      const pieces = reply.text.match(/.{1,12}/gs) ?? [''];
      chunks.push({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      for (const piece of pieces)
        chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    } else {
      reply.calls.forEach((call, i) => {
        const args = JSON.stringify(call.args);
        const half = Math.ceil(args.length / 2);
        chunks.push({
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                ...(i === 0 ? { role: 'assistant', content: null } : {}),
                tool_calls: [
                  {
                    index: i,
                    id: `call_${index}_${i}`,
                    type: 'function',
                    function: { name: call.name, arguments: '' },
                  },
                ],
              },
              finish_reason: null,
            },
          ],
        });
        for (const part of [args.slice(0, half), args.slice(half)]) {
          chunks.push({
            ...base,
            choices: [
              {
                index: 0,
                delta: { tool_calls: [{ index: i, function: { arguments: part } }] },
                finish_reason: null,
              },
            ],
          });
        }
      });
      chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] });
    }
    sse(res, chunks, '[DONE]');
  }, requests);
  return { url: `${url}/v1`, requests, close: closer(server) };
}

/** POST /v1beta/models/{model}:streamGenerateContent?alt=sse: candidates whose parts carry text or functionCall. */
export async function startGeminiServer(script: Step[]): Promise<FakeServer> {
  const requests: Record<string, unknown>[] = [];
  let index = 0;
  const { server, url } = await start((body, req, res) => {
    if (!/^\/v1beta\/models\/[^/:]+:streamGenerateContent\?alt=sse$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    const reply = nextStep(script, index++, body);
    if ('hangMs' in reply) {
      setTimeout(() => sse(res, []), reply.hangMs);
      return;
    }
    if ('status' in reply) {
      errorReply(res, reply.status, {
        error: {
          code: reply.status,
          message: 'Resource has been exhausted (e.g. check quota).',
          status: reply.status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL',
        },
      });
      return;
    }
    if ('stallMs' in reply) {
      stalled(
        res,
        { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, index: 0 }] },
        reply.stallMs,
      );
      return;
    }
    const usage = { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 120 };
    const chunk = (parts: unknown[], last: boolean) => ({
      candidates: [
        { content: { role: 'model', parts }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) },
      ],
      usageMetadata: usage,
      modelVersion: 'gemini-test',
      responseId: `resp-${index}`,
    });
    if ('text' in reply) {
      const pieces = reply.text.match(/.{1,12}/gs) ?? [''];
      sse(
        res,
        pieces.map((text, i) => chunk([{ text }], i === pieces.length - 1)),
      );
    } else {
      sse(res, [
        chunk(
          reply.calls.map((c) => ({ functionCall: { name: c.name, args: c.args } })),
          true,
        ),
      ]);
    }
  }, requests);
  return { url, requests, close: closer(server) };
}
