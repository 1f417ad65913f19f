/** A server-sent events client over fetch, as EventSource reads the stream (id, event, data; comments kept). */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseConnection {
  response: Response;
  /** The next `count` frames that carry data (comments are collected in `comments`). */
  next(count: number, timeoutMs?: number): Promise<SseFrame[]>;
  /** Reads until `count` comments with this text have arrived in all; data frames read meanwhile wait in `pending`. */
  untilComments(text: string, count: number, timeoutMs?: number): Promise<void>;
  comments: string[];
  /** Data frames read but not yet taken by `next`. */
  readonly pending: number;
  close(): void;
}

export async function connectSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  let buffer = '';

  function parse(block: string) {
    const frame: SseFrame = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      const match = /^(id|event|data): ?(.*)$/.exec(line);
      if (match) frame[match[1] as 'id' | 'event' | 'data'] = match[2];
    }
    if (frame.data !== undefined) frames.push(frame);
  }

  /** Reads chunks until `done()`; fails with `what` when the time is up or the stream ends first. */
  async function readUntil(done: () => boolean, timeoutMs: number, what: () => string) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out: ${what()}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out: ${what()}`)), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error(`stream ended: ${what()}`);
      buffer += chunk.value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  return {
    response,
    comments,
    get pending() {
      return frames.length;
    },
    async next(count, timeoutMs = 20_000) {
      await readUntil(
        () => frames.length >= count,
        timeoutMs,
        () => `got ${frames.length} of ${count} events`,
      );
      return frames.splice(0, count);
    },
    async untilComments(text, count, timeoutMs = 20_000) {
      const seen = () => comments.filter((c) => c === text).length;
      await readUntil(
        () => seen() >= count,
        timeoutMs,
        () => `got ${seen()} of ${count} "${text}" comments`,
      );
    },
    close: () => abort.abort(),
  };
}
