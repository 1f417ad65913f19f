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
  comments: string[];
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

  return {
    response,
    comments,
    async next(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (frames.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`got ${frames.length} of ${count} events in time`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('timed out waiting for events')), left),
          ),
        ]);
        if (chunk.done) throw new Error('stream ended');
        buffer += chunk.value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
      return frames.splice(0, count);
    },
    close: () => abort.abort(),
  };
}
