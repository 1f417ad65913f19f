import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreSchemaError, StoreUnavailableError } from '../../src/store/errors.ts';
import { openStore } from '../../src/store/openStore.ts';
import { openPGliteDatabase, pgliteConnection } from '../../src/store/pglite.ts';
import { type FakePostgrest, startFakePostgrest } from './fakePostgrest.ts';
import { NOW } from './fixtures.ts';
import { describeStoreContract } from './storeContract.ts';

const KEY = 'service-role-key-for-tests';

describeStoreContract('Supabase (PostgREST RPC)', async () => {
  // The schema goes in as `supabase db push` would put it; the adapter itself only talks RPC.
  const db = await openPGliteDatabase(null);
  await pgliteConnection(db).migrate();
  const server = await startFakePostgrest(db, KEY);
  const store = await openStore(
    { kind: 'supabase', url: server.url, serviceRoleKey: KEY },
    { now: () => NOW },
  );
  return {
    store,
    close: async () => {
      await store.close();
      await server.close();
      await db.close();
    },
  };
});

describe('Supabase adapter', () => {
  let server: FakePostgrest;
  let closeDb: () => Promise<void>;

  beforeAll(async () => {
    const db = await openPGliteDatabase(null);
    await pgliteConnection(db).migrate();
    server = await startFakePostgrest(db, KEY);
    closeDb = () => db.close();
  });
  afterAll(async () => {
    await server.close();
    await closeDb();
  });

  it('calls RPC with the service-role key and named JSON arguments', async () => {
    const store = await openStore({ kind: 'supabase', url: server.url, serviceRoleKey: KEY });
    await store.countMessages('acme');
    const call = server.calls.at(-1);
    expect(call).toMatchObject({ fn: 'sa_count_messages', body: { p_site: 'acme' } });
    expect(call?.headers).toMatchObject({ apikey: KEY, authorization: `Bearer ${KEY}` });
  });

  it('says to run the migrations when the database lacks them', async () => {
    const bare = await openPGliteDatabase(null);
    const bareServer = await startFakePostgrest(bare, KEY);
    try {
      await expect(openStore({ kind: 'supabase', url: bareServer.url, serviceRoleKey: KEY })).rejects.toThrow(
        StoreSchemaError,
      );
    } finally {
      await bareServer.close();
      await bare.close();
    }
  });

  it('reports an unreachable project as unavailable', async () => {
    const down = { kind: 'supabase' as const, url: 'http://127.0.0.1:9', serviceRoleKey: KEY };
    await expect(openStore(down)).rejects.toThrow(StoreUnavailableError);
  });
});
