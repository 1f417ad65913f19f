import type { Context } from 'hono';
import { HttpError } from './errors.ts';

export const KB = 1024;
export const MB = 1024 * KB;

/** The media type of a request without parameters (`text/csv; charset=utf-8` → `text/csv`). */
export function mediaType(c: Context): string | null {
  const header = c.req.header('content-type');
  return header ? (header.split(';')[0] ?? '').trim().toLowerCase() : null;
}

export function requireMediaType(c: Context, ...accepted: string[]): void {
  const type = mediaType(c);
  if (type === null || !accepted.includes(type)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `send Content-Type: ${accepted.join(' or ')} (got ${type ?? 'none'})`,
    );
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `body is larger than ${formatBytes(limit)} on this route`, {
    limit_bytes: limit,
  });
}

/** Rejects a body by its Content-Length before reading it, when the client sends one. */
export function checkDeclaredLength(c: Context, limit: number): void {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/**
 * The request body as a stream that fails with a 413 HttpError once more than `limit` bytes have
 * arrived, so a chunked upload cannot get past the limit by leaving out Content-Length.
 */
export function limitedBodyStream(c: Context, limit: number): ReadableStream<Uint8Array> {
  checkDeclaredLength(c, limit);
  const body = c.req.raw.body;
  if (!body) return new ReadableStream({ start: (controller) => controller.close() });
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Fails the stream with a 400 at the first NUL byte: PostgreSQL text cannot store it, and in a UTF-8 text
 * upload it only appears in a corrupt or binary file.
 */
export function rejectNulBytes(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let offset = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const at = chunk.indexOf(0);
        if (at >= 0) {
          controller.error(
            new HttpError(
              400,
              'bad_request',
              `body has a NUL byte at byte ${offset + at}; is it a text file?`,
              {
                byte: offset + at,
              },
            ),
          );
          return;
        }
        offset += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
}

/** Reads a JSON body (415 unless application/json, 413 over `limit`, 400 when it does not parse). */
export async function readJsonBody(c: Context, limit: number): Promise<unknown> {
  requireMediaType(c, 'application/json');
  const text = await readSmallText(c, limit);
  if (text.trim() === '') throw new HttpError(400, 'bad_request', 'body is empty; send a JSON document');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, rejectUnstorableText);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'bad_request', `body is not valid JSON: ${(error as Error).message}`);
  }
  return parsed;
}

/**
 * PostgreSQL text cannot hold NUL or a lone UTF-16 surrogate (`"\ud800"` is valid JSON), so such strings
 * are refused here with a 400 instead of failing deep in a write (found by the fuzz tests).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function rejectUnstorableText(this: unknown, key: string, value: unknown): unknown {
  for (const text of [key, value]) {
    if (typeof text === 'string' && (text.includes('\u0000') || LONE_SURROGATE.test(text))) {
      throw new HttpError(
        400,
        'bad_request',
        `body has a string with a NUL character or an unpaired surrogate${key ? ` (at "${key.slice(0, 40)}")` : ''}; remove it`,
      );
    }
  }
  return value;
}

/**
 * A body with a Content-Length within `limit` is read in one piece (Node's HTTP parser delivers exactly that
 * many bytes, and @hono/node-server reads it straight from the socket); only a chunked body goes through the
 * counting stream. The stream path costs a web Request, a ReadableStream and a TransformStream per request:
 * on the webhook receivers that was a tenth of the proxy thread's time per webhook.
 */
async function readSmallText(c: Context, limit: number): Promise<string> {
  checkDeclaredLength(c, limit);
  const declared = c.req.header('content-length');
  if (declared === undefined || c.req.header('transfer-encoding') !== undefined) {
    return readText(limitedBodyStream(c, limit));
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge(limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'bad_request', 'body is not valid UTF-8');
  }
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  try {
    for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
    return text + decoder.decode();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof TypeError) throw new HttpError(400, 'bad_request', 'body is not valid UTF-8');
    throw error;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${bytes / MB} MB`;
  if (bytes >= KB) return `${bytes / KB} KB`;
  return `${bytes} bytes`;
}
