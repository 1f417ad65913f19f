import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGliteDatabase, pgliteConnection } from '../../src/store/pglite.ts';
import { createSqlStore } from '../../src/store/SqlStore.ts';

/**
 * A database set up the way Supabase sets one up: the API roles exist and are granted every function and
 * table of the public schema by default. PGlite keeps it in memory and to this test alone.
 */
let db: PGlite;
beforeAll(async () => {
  db = await openPGliteDatabase(null);
  await db.exec(`
    create role anon nologin;
    create role authenticated nologin;
    create role service_role nologin bypassrls;
    grant usage on schema public to anon, authenticated, service_role;
    alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
    alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  `);
  const store = createSqlStore(pgliteConnection(db));
  await store.migrate();
  await store.upsertMessages('s1', [
    {
      id: 'livechat:c1:e1',
      source: 'livechat',
      conversation_id: 'c1',
      author_role: 'customer',
      created_at: '2026-10-01T00:00:00Z',
      text: 'my withdrawal is pending',
    },
  ]);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

async function as<T>(role: string, sql: string): Promise<T[]> {
  await db.exec(`set role ${role}`);
  try {
    return (await db.query<T>(sql)).rows;
  } finally {
    await db.exec('reset role');
  }
}

describe("Supabase's public API roles", () => {
  it.each(['anon', 'authenticated'])('%s can call no store function and read no table', async (role) => {
    await expect(as(role, `select sa_count_messages('s1')`)).rejects.toThrow(
      /permission denied for function/,
    );
    await expect(
      as(role, `select sa_site_key_add(repeat('a', 64), 's1', 'admin', '{}', null, null, null, false, null)`),
    ).rejects.toThrow(/permission denied for function/);
    await expect(as(role, 'select * from messages')).rejects.toThrow(/permission denied for table/);
    await expect(as(role, 'select * from sa_site_keys')).rejects.toThrow(/permission denied for table/);
  });

  it('service_role, which the Supabase adapter uses, keeps calling the functions', async () => {
    expect(await as<{ n: number }>('service_role', `select sa_count_messages('s1') as n`)).toEqual([
      { n: 1 },
    ]);
  });

  it('functions that later migrations add start closed to the API roles too', async () => {
    await db.exec(`create function sa_later_addition() returns int language sql as 'select 1'`);
    await expect(as('anon', 'select sa_later_addition()')).rejects.toThrow(/permission denied for function/);
    expect(await as<{ n: number }>('service_role', 'select sa_later_addition() as n')).toEqual([{ n: 1 }]);
  });
});
