import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  livechatRegistration,
  receiverUrl,
  sendRequests,
  telegramRegistration,
} from '../../src/ingest/registration.ts';

const proxyRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** `pnpm sa webhooks …` as a child process; resolves with the exit code and output either way. */
async function sa(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'webhooks', ...args],
      {
        cwd: proxyRoot,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

describe('webhook registration requests', () => {
  it('point at the receiver path, keep a given path and carry the site', () => {
    expect(receiverUrl('https://proxy.example.com', 'telegram')).toBe(
      'https://proxy.example.com/v1/ingest/telegram',
    );
    expect(receiverUrl('https://x.example/base/', 'livechat', 'brand_a')).toBe(
      'https://x.example/base/v1/ingest/livechat?site=brand_a',
    );
    expect(receiverUrl('https://x.example/v1/ingest/livechat', 'livechat')).toBe(
      'https://x.example/v1/ingest/livechat',
    );
    expect(() => receiverUrl('http://x.example', 'telegram')).toThrow(/https/);
    expect(() => receiverUrl('proxy', 'telegram')).toThrow(/absolute/);
  });

  it('follow LiveChat register_webhook (one per action) then enable_license_webhooks', () => {
    const requests = livechatRegistration({
      url: 'https://p.example/v1/ingest/livechat',
      secret: 's',
      clientId: 'cid',
      accessToken: 't',
    });
    expect(requests.map((r) => r.url)).toEqual([
      'https://api.livechatinc.com/v3.5/configuration/action/register_webhook',
      'https://api.livechatinc.com/v3.5/configuration/action/register_webhook',
      'https://api.livechatinc.com/v3.5/configuration/action/register_webhook',
      'https://api.livechatinc.com/v3.5/configuration/action/enable_license_webhooks',
    ]);
    expect(requests[0]?.body).toEqual({
      url: 'https://p.example/v1/ingest/livechat',
      description: 'Support analytics: incoming_event',
      action: 'incoming_event',
      secret_key: 's',
      owner_client_id: 'cid',
      type: 'license',
    });
    expect(requests[1]?.body).toMatchObject({ action: 'incoming_chat' });
    expect(requests[2]?.body).toMatchObject({ action: 'event_updated' });
  });

  it('refuse a Telegram secret Telegram would refuse', () => {
    expect(() =>
      telegramRegistration({ url: 'https://p.example', secret: 'has space', botToken: 't' }),
    ).toThrow(/A-Z, a-z, 0-9/);
  });

  it('send setWebhook as Telegram expects it and stop on a refusal with its description', async () => {
    const seen: { url: string | undefined; body: unknown }[] = [];
    let refuse = false;
    const server = createServer(async (request, response) => {
      seen.push({ url: request.url, body: await readBody(request) });
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          refuse
            ? { ok: false, error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host' }
            : { ok: true, result: true, description: 'Webhook was set' },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const requests = telegramRegistration({
        url: 'https://p.example/v1/ingest/telegram',
        secret: 'tg_secret',
        botToken: '123:ABC',
        api,
      });
      const [result] = await sendRequests(requests);
      expect(result?.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
      expect(seen[0]).toEqual({
        url: '/bot123:ABC/setWebhook',
        body: {
          url: 'https://p.example/v1/ingest/telegram',
          secret_token: 'tg_secret',
          allowed_updates: ['message', 'edited_message', 'channel_post', 'edited_channel_post'],
        },
      });
      refuse = true;
      await expect(sendRequests(requests)).rejects.toThrow(/refused \(200\).*Failed to resolve host/);
    } finally {
      server.close();
    }
  });
});

describe('sa webhooks', () => {
  it('--dry-run prints the documented requests with tokens masked', { timeout: 180_000 }, async () => {
    const telegram = await sa(['telegram', '--url', 'https://proxy.example.com', '--dry-run'], {
      TELEGRAM_WEBHOOK_SECRET: 'tg_secret-1',
      TELEGRAM_BOT_TOKEN: '123456:SECRET-BOT-TOKEN',
    });
    expect(telegram.code).toBe(0);
    expect(telegram.stdout).toContain('POST https://api.telegram.org/bot***/setWebhook');
    expect(telegram.stdout).toContain('"url": "https://proxy.example.com/v1/ingest/telegram"');
    expect(telegram.stdout).toContain('"secret_token": "tg_secret-1"');
    expect(telegram.stdout).not.toContain('SECRET-BOT-TOKEN');

    const livechat = await sa(
      ['livechat', '--url', 'https://proxy.example.com', '--client-id', 'app1', '--dry-run'],
      {
        LIVECHAT_WEBHOOK_SECRET: 'lc-secret',
      },
    );
    expect(livechat.code).toBe(0);
    expect(
      livechat.stdout.match(
        /POST https:\/\/api\.livechatinc\.com\/v3\.5\/configuration\/action\/register_webhook/g,
      ),
    ).toHaveLength(3);
    expect(livechat.stdout).toContain('enable_license_webhooks');
    expect(livechat.stdout).toContain('Authorization: Bearer ***');
  });

  it('exits non-zero with one line when a secret or the client id is missing', {
    timeout: 180_000,
  }, async () => {
    const noSecret = await sa(['telegram', '--url', 'https://proxy.example.com', '--dry-run'], {});
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr.trim()).toBe(
      'sa: TELEGRAM_WEBHOOK_SECRET is not set; the proxy checks it on every webhook',
    );
    const noClient = await sa(['livechat', '--url', 'https://proxy.example.com', '--dry-run'], {
      LIVECHAT_WEBHOOK_SECRET: 's',
    });
    expect(noClient.stderr).toMatch(/--client-id is required/);
  });
});
