import { TELEGRAM_UPDATE_KINDS } from './telegram.ts';

/** One HTTP request to a platform's API, as `sa webhooks` sends it or, with --dry-run, prints it. */
export interface ApiRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The header values to print as *** (tokens). */
  secretHeaders: string[];
  /** Parts of the URL to print as *** (Telegram puts the bot token in the path). */
  secretUrlParts: string[];
}

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
}

export const LIVECHAT_API = 'https://api.livechatinc.com/v3.5';
export const TELEGRAM_API = 'https://api.telegram.org';
export const LIVECHAT_ACTIONS = ['incoming_event', 'incoming_chat', 'event_updated'] as const;

/** The receiver's URL: `base` is the proxy's public URL (or already the receiver's); `site` rides as ?site=. */
export function receiverUrl(base: string, platform: 'livechat' | 'telegram', site?: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RegistrationError(`--url must be an absolute https:// URL, got "${base}"`);
  }
  if (url.protocol !== 'https:') {
    throw new RegistrationError(
      `--url must use https:// (both platforms refuse other webhooks), got "${base}"`,
    );
  }
  const path = `/v1/ingest/${platform}`;
  if (!url.pathname.endsWith(path)) url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  if (site) url.searchParams.set('site', site);
  return url.toString();
}

/**
 * LiveChat Configuration API v3.5: one `register_webhook` per action we read (license webhooks owned by the
 * app's client id, carrying our secret_key), then `enable_license_webhooks` so they start firing.
 */
export function livechatRegistration(options: {
  url: string;
  secret: string;
  clientId: string;
  accessToken: string;
  api?: string;
}): ApiRequest[] {
  const api = (options.api ?? LIVECHAT_API).replace(/\/+$/, '');
  const headers = { Authorization: `Bearer ${options.accessToken}`, 'Content-Type': 'application/json' };
  const request = (action: string, body: Record<string, unknown>): ApiRequest => ({
    method: 'POST',
    url: `${api}/configuration/action/${action}`,
    headers,
    body,
    secretHeaders: ['Authorization'],
    secretUrlParts: [],
  });
  return [
    ...LIVECHAT_ACTIONS.map((action) =>
      request('register_webhook', {
        url: options.url,
        description: `Support analytics: ${action}`,
        action,
        secret_key: options.secret,
        owner_client_id: options.clientId,
        type: 'license',
      }),
    ),
    request('enable_license_webhooks', { owner_client_id: options.clientId }),
  ];
}

// Telegram's own rule for secret_token: 1-256 characters, A-Z a-z 0-9 _ and - only.
const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/;

/** Telegram Bot API `setWebhook` with our secret_token and the update kinds the receiver reads. */
export function telegramRegistration(options: {
  url: string;
  secret: string;
  botToken: string;
  api?: string;
}): ApiRequest[] {
  if (!TELEGRAM_SECRET.test(options.secret)) {
    throw new RegistrationError(
      'TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram refuses others)',
    );
  }
  const api = (options.api ?? TELEGRAM_API).replace(/\/+$/, '');
  return [
    {
      method: 'POST',
      url: `${api}/bot${options.botToken}/setWebhook`,
      headers: { 'Content-Type': 'application/json' },
      body: { url: options.url, secret_token: options.secret, allowed_updates: [...TELEGRAM_UPDATE_KINDS] },
      secretHeaders: [],
      secretUrlParts: [options.botToken],
    },
  ];
}

/** The request as text, tokens replaced by ***; the webhook secret stays, since it is ours to check. */
export function formatRequest(request: ApiRequest): string {
  let url = request.url;
  for (const part of request.secretUrlParts) url = url.split(part).join('***');
  const headers = Object.entries(request.headers).map(([name, value]) =>
    request.secretHeaders.includes(name) ? `${name}: ${value.replace(/ .*/, ' ***')}` : `${name}: ${value}`,
  );
  return [`${request.method} ${url}`, ...headers, '', JSON.stringify(request.body, null, 2)].join('\n');
}

/** Sends the requests in order; the first that the platform refuses stops the run with its answer. */
export async function sendRequests(
  requests: ApiRequest[],
  fetchImpl: typeof fetch = fetch,
): Promise<{ request: ApiRequest; status: number; body: unknown }[]> {
  const results = [];
  for (const request of requests) {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: JSON.stringify(request.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    // Telegram answers 200 with {ok:false} for some refusals, so its ok flag counts too.
    const refused = !response.ok || (body as { ok?: unknown } | null)?.ok === false;
    if (refused) {
      const shown = formatRequest(request).split('\n')[0];
      throw new RegistrationError(`${shown} was refused (${response.status}): ${text.slice(0, 500)}`);
    }
    results.push({ request, status: response.status, body });
  }
  return results;
}
