import { Argument, type Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import {
  type ApiRequest,
  formatRequest,
  livechatRegistration,
  RegistrationError,
  receiverUrl,
  sendRequests,
  telegramRegistration,
} from '../../ingest/registration.ts';

interface WebhookOptions {
  url: string;
  site?: string;
  clientId?: string;
  apiUrl?: string;
  dryRun?: boolean;
}

/** The requests for one platform; with --dry-run a missing API token prints as a placeholder. */
function registrationRequests(platform: 'livechat' | 'telegram', options: WebhookOptions): ApiRequest[] {
  const config = loadConfig(process.env);
  const url = receiverUrl(options.url, platform, options.site);
  const token = (name: string) => {
    const value = process.env[name]?.trim();
    if (value) return value;
    if (options.dryRun) return `<${name}>`;
    throw new RegistrationError(`${name} is not set; the ${platform} API needs it to register the webhook`);
  };
  if (platform === 'livechat') {
    const secret = config.webhooks.livechatSecret;
    if (!secret)
      throw new RegistrationError('LIVECHAT_WEBHOOK_SECRET is not set; the proxy checks it on every webhook');
    if (!options.clientId)
      throw new RegistrationError('--client-id is required: the LiveChat app that owns the webhooks');
    return livechatRegistration({
      url,
      secret,
      clientId: options.clientId,
      accessToken: token('LIVECHAT_ACCESS_TOKEN'),
      ...(options.apiUrl ? { api: options.apiUrl } : {}),
    });
  }
  const secret = config.webhooks.telegramSecret;
  if (!secret)
    throw new RegistrationError('TELEGRAM_WEBHOOK_SECRET is not set; the proxy checks it on every webhook');
  return telegramRegistration({
    url,
    secret,
    botToken: token('TELEGRAM_BOT_TOKEN'),
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
  });
}

export function register(program: Command): void {
  program
    .command('webhooks')
    .description(
      'register the proxy as the LiveChat (register_webhook) or Telegram (setWebhook) webhook receiver; ' +
        'API tokens from LIVECHAT_ACCESS_TOKEN / TELEGRAM_BOT_TOKEN, secrets from the *_WEBHOOK_SECRET variables',
    )
    .addArgument(new Argument('<platform>', 'which platform').choices(['livechat', 'telegram']))
    .requiredOption('--url <url>', "the proxy's public https:// URL (the receiver path is added)")
    .option('--site <id>', 'site the messages belong to (a site of SITE_KEYS; default: default)')
    .option('--client-id <id>', 'LiveChat: client id of the app that owns the webhooks')
    .option('--api-url <url>', "the platform API's base URL (default: the public API)")
    .option('--dry-run', 'print the requests instead of sending them')
    .action(async (platform: 'livechat' | 'telegram', options: WebhookOptions) => {
      const requests = registrationRequests(platform, options);
      if (options.dryRun) {
        process.stdout.write(`${requests.map(formatRequest).join('\n\n')}\n`);
        return;
      }
      for (const { request, status, body } of await sendRequests(requests)) {
        process.stdout.write(
          `${formatRequest(request).split('\n')[0]} → ${status} ${JSON.stringify(body)}\n`,
        );
      }
      process.stdout.write(
        `${platform} now delivers to ${receiverUrl(options.url, platform, options.site)}\n`,
      );
    });
}
