import type { AnalyticsQuery, ChatAnswer, ChatRequest, QueryResponse, StoredMessage } from '@sa/shared';
import { type AccessToken, createAccessToken } from './accessToken.ts';
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
  /**
   * A download link for the current filter. It carries the key and the token last used (`?site_key=`,
   * `?access_token=`), since a link cannot set headers: call it after a request (checkExport) has run.
   */
  exportUrl(filters: MessageFilters, format: 'csv' | 'json'): string;
  /**
   * Asks the proxy whether this caller may export (`/v1/export` is an admin route): resolves when it may,
   * throws the proxy's refusal (403 `forbidden` for a viewer key, 401 `admin_token_required`) otherwise.
   */
  checkExport(signal?: AbortSignal): Promise<void>;
  chat(request: ChatRequest, handlers: ChatStreamHandlers, signal?: AbortSignal): Promise<ChatAnswer>;
  /**
   * The `GET /v1/events` URL, key and token in the query (EventSource cannot set headers). `fresh` asks the
   * host for a new token first: a stream refused for an expired token only shows as a closed connection.
   */
  eventsUrl(options?: { fresh?: boolean }): Promise<string>;
  /** The signed-in user's token this client sends. */
  readonly accessToken: AccessToken;
}

export interface ClientOptions {
  proxyUrl: string;
  siteKey?: string;
  /** The signed-in user's token, for site keys with `require_sign_in`; sent only beside a site key. */
  accessToken?: AccessToken;
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
  const accessToken = options.accessToken ?? createAccessToken();
  // Without X-Site-Key the proxy reads a bearer as the key itself, so the user token rides only beside a key
  // (open local mode needs neither).
  const tokenFor = (fresh: boolean, stale?: string | null) =>
    options.siteKey ? (fresh ? accessToken.refresh(stale) : accessToken.current()) : Promise.resolve(null);
  /** The token the last event-stream URL carried: a refused stream was refused with it. */
  let eventsToken: string | null = null;
  const withCredentials = (params: URLSearchParams, token: string | null) => {
    if (options.siteKey) params.set('site_key', options.siteKey);
    if (token) params.set('access_token', token);
    return params;
  };
  const headers = (extra: Record<string, string>, token: string | null) => ({
    ...extra,
    ...(options.siteKey ? { 'x-site-key': options.siteKey } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  /**
   * One call to the proxy with the key and the user token. When the proxy says the token expired, the host
   * is asked for a new one once and the call is made again; a second refusal is the caller's to show.
   */
  async function request(
    target: string,
    init: Omit<RequestInit, 'headers'> & { headers: Record<string, string> },
    refused?: { stale: string | null },
  ): Promise<Response> {
    const token = await tokenFor(refused !== undefined, refused?.stale);
    let res: Response;
    try {
      res = await doFetch(target, { ...init, headers: headers(init.headers, token) });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new NetworkError(target);
    }
    if (res.ok) return res;
    const error = await errorFromResponse(res);
    if (!refused && error.code === 'token_expired' && accessToken.canRefresh && options.siteKey) {
      return request(target, init, { stale: token });
    }
    throw error;
  }

  return {
    baseUrl,
    accessToken,
    async query(query, signal) {
      const res = await request(url('v1/query'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
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
        headers: { accept: 'application/json' },
        signal: signal ?? null,
      });
      return (await res.json()) as MessagePage;
    },
    exportUrl(filters, format) {
      const params = filtersToParams(filters);
      params.set('format', format);
      return url('v1/export', withCredentials(params, options.siteKey ? accessToken.peek() : null));
    },
    async checkExport(signal) {
      // A GET whose body is dropped at once, not HEAD: HEAD answers have no body, so the refusal's code
      // (which says what is missing, and whether a fresh token would help) would be lost.
      const res = await request(url('v1/export', new URLSearchParams({ format: 'json' })), {
        headers: { accept: 'application/json' },
        signal: signal ?? null,
      });
      await res.body?.cancel();
    },
    async eventsUrl(eventOptions) {
      eventsToken = await tokenFor(eventOptions?.fresh ?? false, eventsToken);
      return url('v1/events', withCredentials(new URLSearchParams(), eventsToken));
    },
    async chat(body, handlers, signal) {
      const target = url('v1/chat');
      const res = await request(target, {
        method: 'POST',
        // text/event-stream only: the proxy answers plain JSON to any Accept that names application/json.
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
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
