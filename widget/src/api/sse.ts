/** One server-sent event as parsed from the wire (https://html.spec.whatwg.org/#event-stream-interpretation). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Incremental SSE parser: feed it decoded text chunks, it returns the complete events seen so far. */
export function createSseParser(): (chunk: string) => SseEvent[] {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  return (chunk) => {
    buffer += chunk;
    const out: SseEvent[] = [];
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0)
          out.push({ event: event || 'message', data: data.join('\n'), ...(id ? { id } : {}) });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    return out;
  };
}

/** Reads a fetch body as SSE, calling `onEvent` for each event until the stream ends. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseEvent) => void,
): Promise<void> {
  const parse = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const e of parse(decoder.decode(value, { stream: true }))) onEvent(e);
  }
  for (const e of parse(`${decoder.decode()}\n\n`)) onEvent(e);
}
