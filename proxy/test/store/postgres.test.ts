import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/errors.ts';
import { openStore } from '../../src/store/openStore.ts';
import { NOW } from './fixtures.ts';
import { describeStoreContract } from './storeContract.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;

/** A database of its own for this run, dropped when the suite is done. */
async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sa_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

if (ADMIN_URL) {
  describeStoreContract('PostgreSQL', async () => {
    const db = await freshDatabase(ADMIN_URL);
    const store = await openStore(db.url, { now: () => NOW });
    return {
      store,
      close: async () => {
        await store.close();
        await db.drop();
      },
    };
  });
}

describe.skipIf(!ADMIN_URL)('PostgreSQL migrations', () => {
  it('let processes starting together migrate once, in turn', async () => {
    const db = await freshDatabase(ADMIN_URL as string);
    try {
      const stores = await Promise.all([openStore(db.url), openStore(db.url), openStore(db.url)]);
      await Promise.all(stores.map((s) => s.close()));
      const sql = postgres(db.url, { max: 1 });
      const rows = await sql`select version from sa_migrations order by version`;
      await sql.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.version)).size).toBe(rows.length);
    } finally {
      await db.drop();
    }
  });
});

describe('PostgreSQL adapter', () => {
  it('reports a server that does not answer as unavailable', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/nothing')).rejects.toThrow(StoreUnavailableError);
  });
});
