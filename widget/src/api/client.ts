import type { AnalyticsQuery, ChatAnswer, ChatRequest, QueryResponse, StoredMessage } from '@sa/shared';
import { errorFromResponse, NetworkError, ProxyError } from './errors.ts';
import { readSse } from './sse.ts';

/** Filters for listing / exporting messages: the query filters, each optional. */
export type MessageFilters = Partial<AnalyticsQuery['filters']>;

export interface MessagePage {
  messages: StoredMessage[];
  next_cursor: string | null;
}

export interface ChatStreamHandlers {
  /** Text of the answer as it streams in (may be called many times). */
  onDelta?: (text: string) => void;
  /** The stage the proxy reports while it works (planning, querying, calling_provider, correcting, …). */
  onStatus?: (stage: string) => void;
}

export interface ProxyClient {
  readonly baseUrl: string;
  query(query: AnalyticsQuery, signal?: AbortSignal): Promise<QueryResponse>;
  messages(
    filters: MessageFilters,
    page: { cursor?: string | null; limit: number },
    signal?: AbortSignal,
  ): Promise<MessagePage>;
  exportUrl(filters: MessageFilters, format: 'csv' | 'json'): string;
  chat(request: ChatRequest, handlers: ChatStreamHandlers, signal?: AbortSignal): Promise<ChatAnswer>;
  eventsUrl(): string;
}

export interface ClientOptions {
  proxyUrl: string;
  siteKey?: string;
  fetch?: typeof fetch;
}

/** Query-string form of message filters, as `GET /v1/messages` and `GET /v1/export` read them. */
export function filtersToParams(filters: MessageFilters, params = new URLSearchParams()): URLSearchParams {
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const key of ['topics', 'sources', 'sentiments', 'roles'] as const) {
    const list = filters[key];
    if (list && list.length > 0) params.set(key, list.join(','));
  }
  if (filters.text) params.set('text', filters.text);
  return params;
}

function isChatAnswer(value: unknown): value is ChatAnswer {
  return typeof value === 'object' && value !== null && 'answer' in value && 'queries' in value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    for (const key of ['text', 'message']) if (typeof v[key] === 'string') return v[key] as string;
  }
  return '';
}

export function createClient(options: ClientOptions): ProxyClient {
  const baseUrl = options.proxyUrl.endsWith('/') ? options.proxyUrl : `${options.proxyUrl}/`;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const url = (path: string, params?: URLSearchParams) => {
    const u = new URL(path, baseUrl);
    if (params) u.search = params.toString();
    return u.toString();
  };
  const withKey = (params: URLSearchParams) => {
    if (options.siteKey) params.set('site_key', options.siteKey);
    return params;
  };
  const headers = (extra: Record<string, string> = {}) =>
    options.siteKey ? { ...extra, 'x-site-key': options.siteKey } : extra;

  async function request(target: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(target, init);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new NetworkError(target);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  return {
    baseUrl,
    async query(query, signal) {
      const res = await request(url('v1/query'), {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json', accept: 'application/json' }),
        body: JSON.stringify(query),
        signal: signal ?? null,
      });
      return (await res.json()) as QueryResponse;
    },
    async messages(filters, page, signal) {
      const params = filtersToParams(filters);
      params.set('limit', String(page.limit));
      if (page.cursor) params.set('cursor', page.cursor);
      const res = await request(url('v1/messages', params), {
        headers: headers({ accept: 'application/json' }),
        signal: signal ?? null,
      });
      return (await res.json()) as MessagePage;
    },
    exportUrl(filters, format) {
      const params = filtersToParams(filters);
      params.set('format', format);
      return url('v1/export', withKey(params));
    },
    eventsUrl() {
      return url('v1/events', withKey(new URLSearchParams()));
    },
    async chat(body, handlers, signal) {
      const target = url('v1/chat');
      const res = await request(target, {
        method: 'POST',
        // text/event-stream only: the proxy answers plain JSON to any Accept that names application/json.
        headers: headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream') || !res.body) {
        return (await res.json()) as ChatAnswer;
      }
      let answer: ChatAnswer | null = null;
      let failure: ProxyError | null = null;
      await readSse(res.body, (event) => {
        const data = parseJson(event.data);
        if (event.event === 'error') {
          const err = (data as { error?: { code?: string; message?: string } })?.error;
          failure = new ProxyError(
            502,
            (err?.code as ProxyError['code']) ?? 'unknown',
            err?.message ?? textOf(data) ?? 'The chat failed',
          );
        } else if (isChatAnswer(data)) {
          answer = data;
        } else if (event.event === 'status') {
          const stage = (data as { stage?: unknown })?.stage;
          if (typeof stage === 'string') handlers.onStatus?.(stage);
        } else if (event.event === 'delta') {
          const text = textOf(data);
          if (text) handlers.onDelta?.(text);
        }
      });
      if (failure) throw failure;
      if (!answer) throw new ProxyError(502, 'internal', 'The chat stream ended before the answer arrived.');
      return answer;
    },
  };
}
