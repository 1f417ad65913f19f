import { Hono } from 'hono';
import type { Config } from '../../config/index.ts';
import type { LiveSignals } from '../../events/liveSignals.ts';
import { WebhookPayloadError } from '../../ingest/errors.ts';
import { createGroupCommit } from '../../ingest/groupCommit.ts';
import { livechatItems, parseLivechatWebhook } from '../../ingest/livechat.ts';
import { secretMatcher } from '../../ingest/secret.ts';
import { parseTelegramUpdate, telegramItems } from '../../ingest/telegram.ts';
import { DEFAULT_SITE, type InboxItem, type SiteId, type Store } from '../../store/Store.ts';
import { MB, readJsonBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../errors.ts';

/** An `incoming_chat` with a long thread is the biggest body either platform sends; far below this. */
export const WEBHOOK_BODY_LIMIT = 1 * MB;
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface IngestRouteDeps {
  store: Store;
  config: Config;
  signals: LiveSignals;
}

/**
 * `POST /v1/ingest/livechat` and `/v1/ingest/telegram`. The platforms cannot send site keys: the webhook
 * secret authenticates them, and the site comes from `?site=` in the registered URL. A 200 means every
 * message of the delivery is committed to the inbox (a redelivery is acknowledged again, not stored twice);
 * a store that cannot commit answers 503, so the platform retries.
 */
export function ingestRoutes({ store, config, signals }: IngestRouteDeps) {
  const sites = new Set(config.siteKeys.map((k) => k.site));
  const commit = createGroupCommit(store);
  const { livechatSecret, telegramSecret } = config.webhooks;
  const livechatMatches = livechatSecret ? secretMatcher(livechatSecret) : null;
  const telegramMatches = telegramSecret ? secretMatcher(telegramSecret) : null;

  async function accept(site: SiteId, items: InboxItem[]) {
    if (items.length === 0) return { ok: true, accepted: 0, duplicates: 0, ignored: true };
    const result = await commit({ site, items });
    if (result.accepted > 0) signals.accepted();
    return { ok: true, ...result, ignored: false };
  }

  function siteOf(param: string | undefined): SiteId {
    const site = param ?? DEFAULT_SITE;
    const known = config.openLocalMode ? site === DEFAULT_SITE : sites.has(site);
    if (!known) {
      throw new HttpError(
        400,
        'bad_request',
        config.openLocalMode
          ? `?site=${site}: in open local mode every message belongs to site "${DEFAULT_SITE}"; leave site out`
          : `?site=${site} names no site in SITE_KEYS; register the webhook URL with a configured site`,
      );
    }
    return site;
  }

  return new Hono<AppEnv>()
    .post('/v1/ingest/livechat', async (c) => {
      const matches = requireSecret(livechatMatches, 'LIVECHAT_WEBHOOK_SECRET');
      const site = siteOf(c.req.query('site'));
      const body = await readJsonBody(c, WEBHOOK_BODY_LIMIT);
      const webhook = asBadRequest(() => parseLivechatWebhook(body));
      if (!matches(webhook.secret_key)) {
        throw new HttpError(403, 'forbidden', 'secret_key does not match LIVECHAT_WEBHOOK_SECRET');
      }
      return c.json(
        await accept(
          site,
          asBadRequest(() => livechatItems(webhook, new Date())),
        ),
      );
    })
    .post('/v1/ingest/telegram', async (c) => {
      const matches = requireSecret(telegramMatches, 'TELEGRAM_WEBHOOK_SECRET');
      if (!matches(c.req.header(TELEGRAM_SECRET_HEADER))) {
        throw new HttpError(
          403,
          'forbidden',
          'X-Telegram-Bot-Api-Secret-Token is missing or does not match TELEGRAM_WEBHOOK_SECRET',
        );
      }
      const site = siteOf(c.req.query('site'));
      const body = await readJsonBody(c, WEBHOOK_BODY_LIMIT);
      const update = asBadRequest(() => parseTelegramUpdate(body));
      return c.json(await accept(site, telegramItems(update)));
    });
}

/** Without a secret anyone could post messages; 503 keeps the platform retrying until one is configured. */
function requireSecret<Matcher>(matcher: Matcher | null, variable: string): Matcher {
  if (matcher) return matcher;
  throw new HttpError(
    503,
    'store_unavailable',
    `${variable} is not set on the proxy, so this receiver accepts nothing; set it and restart`,
    undefined,
    { 'Retry-After': '60' },
  );
}

function asBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WebhookPayloadError)
      throw new HttpError(400, 'bad_request', error.message, error.issues);
    throw error;
  }
}
