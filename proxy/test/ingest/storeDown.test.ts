import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger } from '../../src/http/logger.ts';
import { openStore } from '../../src/store/openStore.ts';
import { postgresConnection } from '../../src/store/postgres.ts';
import { createSqlStore } from '../../src/store/SqlStore.ts';
import type { Store } from '../../src/store/Store.ts';
import { json } from '../http/harness.ts';
import { TELEGRAM_SECRET, telegramUpdate } from './fixtures.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;

function appOn(store: Store) {
  const config = loadConfig(
    { LOG_LEVEL: 'silent', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET },
    { cwd: tmpdir() },
  );
  const app = createApp({ store, config, log: createJsonLogger('silent') });
  return (messageId: number) =>
    app.request(
      '/v1/ingest/telegram',
      json(
        telegramUpdate(messageId, 'message', {
          chatId: 3,
          messageId,
          text: `withdrawal ${messageId} pending`,
        }),
        {
          'x-telegram-bot-api-secret-token': TELEGRAM_SECRET,
        },
      ),
    );
}

/** A TCP relay to PostgreSQL that the test can cut and restore: the database going away, for real. */
async function relay(target: URL) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      const listening = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server = listening;
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    port,
    start,
    async cut() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

describe('store unavailable at accept time', () => {
  it('answers 503 with Retry-After when PostgreSQL cannot be reached', async () => {
    const store = createSqlStore(postgresConnection('postgres://postgres@127.0.0.1:1/nothing', { max: 1 }));
    try {
      const response = await appOn(store)(1);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      await store.close();
    }
  });

  it.skipIf(!ADMIN_URL)(
    'acknowledges only what was committed while the database comes and goes',
    { timeout: 60_000 },
    async () => {
      const name = `sa_test_ingest_down_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(ADMIN_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const target = new URL(ADMIN_URL as string);
      const link = await relay(target);
      const url = new URL(ADMIN_URL as string);
      url.host = `127.0.0.1:${link.port}`;
      url.pathname = `/${name}`;
      let store: Store | undefined;
      try {
        store = await openStore(url.toString());
        const post = appOn(store);
        const acknowledged = new Set<number>();
        for (let id = 1; id <= 5; id++) if ((await post(id)).status === 200) acknowledged.add(id);
        expect(acknowledged.size).toBe(5);

        await link.cut();
        for (let id = 6; id <= 10; id++) {
          const response = await post(id);
          expect(response.status).toBe(503);
        }

        await link.start();
        expect(await store.inboxStats()).toMatchObject({ pending: 5 });
        // The platform retries what got a 503; now it lands, once.
        for (let id = 6; id <= 10; id++) expect((await post(id)).status).toBe(200);
        expect((await (await post(6)).json()) as object).toMatchObject({ accepted: 0, duplicates: 1 });
        expect(await store.inboxStats()).toMatchObject({ pending: 10 });
      } finally {
        await store?.close();
        await link.cut();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
