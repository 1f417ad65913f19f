import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import { errorOf, type Harness, json, message, openHarness } from '../http/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.upsertMessages('tbl-a', [message(1, { text: 'table site: deposit missing' })]);
});
afterAll(async () => {
  await h?.cleanup();
});

const ORIGIN = 'https://dash.table-site.example';
const ENV_KEY = 'env_key_beside_table_0001';
const tableApp = (env: Record<string, string> = {}) =>
  h.app({ SITE_KEYS_TABLE: 'on', HOST: '0.0.0.0', ...env });

describe('site keys in the site_keys table', () => {
  it('are accepted with SITE_KEYS_TABLE=on, with their site, origins and role', async () => {
    const { key, stored } = await h.store.siteKeys.add({ site: 'tbl-a', role: 'viewer', origins: [ORIGIN] });
    expect(stored).toMatchObject({ site: 'tbl-a', role: 'viewer', origins: [ORIGIN], revoked_at: null });
    expect(stored.key_id).toBe(createHash('sha256').update(key).digest('hex').slice(0, 16));

    const app = tableApp();
    const fromPage = await app.request('/v1/messages', { headers: { 'x-site-key': key, origin: ORIGIN } });
    expect(fromPage.status).toBe(200);
    expect(fromPage.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const page = (await fromPage.json()) as { messages: { text: string }[] };
    expect(page.messages.map((m) => m.text)).toEqual(['table site: deposit missing']);

    const elsewhere = await app.request('/v1/messages', {
      headers: { 'x-site-key': key, origin: 'https://elsewhere.example' },
    });
    expect(elsewhere.status).toBe(403);
    const viewerWrite = await app.request('/v1/messages', json([message(2)], { 'x-site-key': key }));
    expect(viewerWrite.status).toBe(403);
  });

  it('work beside SITE_KEYS, and are ignored unless SITE_KEYS_TABLE=on', async () => {
    const { key } = await h.store.siteKeys.add({ site: 'tbl-a', role: 'viewer' });
    const both = tableApp({ SITE_KEYS: `${ENV_KEY}:tbl-env:viewer` });
    expect((await both.request('/v1/messages', { headers: { 'x-site-key': key } })).status).toBe(200);
    expect((await both.request('/v1/messages', { headers: { 'x-site-key': ENV_KEY } })).status).toBe(200);

    const envOnly = h.app({ SITE_KEYS: `${ENV_KEY}:tbl-env:viewer`, HOST: '0.0.0.0' });
    const refused = await envOnly.request('/v1/messages', { headers: { 'x-site-key': key } });
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toMatchObject({ code: 'unauthorized', message: 'unknown site key' });
  });

  it('turn off open local mode even when SITE_KEYS is empty', () => {
    expect(h.config({ SITE_KEYS_TABLE: 'on' }).openLocalMode).toBe(false);
    expect(() => h.config({ SITE_KEYS_TABLE: 'yes' })).toThrow(/SITE_KEYS_TABLE must be on or off/);
  });

  it('stop working once revoked, and stay listed as revoked', async () => {
    const { key, stored } = await h.store.siteKeys.add({ site: 'tbl-a', role: 'viewer', label: 'to revoke' });
    expect((await tableApp().request('/v1/messages', { headers: { 'x-site-key': key } })).status).toBe(200);
    const revoked = await h.store.siteKeys.revoke(stored.key_id);
    expect(revoked?.revoked_at).not.toBeNull();
    expect(await h.store.siteKeys.revoke(stored.key_id)).toBeNull();
    // A new app has no cached answer; a running one stops accepting the key within TABLE_CACHE_MS.
    expect((await tableApp().request('/v1/messages', { headers: { 'x-site-key': key } })).status).toBe(401);
    const listed = await h.store.siteKeys.list();
    expect(listed.find((row) => row.key_id === stored.key_id)).toMatchObject({ label: 'to revoke' });
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('give admin keys their own admin token, checked on admin routes', async () => {
    const token = 'table_admin_token_0123456789abcdefgh';
    const { key } = await h.store.siteKeys.add({
      site: 'tbl-admin',
      role: 'admin',
      admin_token_sha256: createHash('sha256').update(token).digest('hex'),
    });
    const app = tableApp();
    const write = (bearer: string) =>
      app.request(
        '/v1/messages',
        json([message(3)], { 'x-site-key': key, authorization: `Bearer ${bearer}` }),
      );
    expect((await write('wrong-token')).status).toBe(401);
    expect((await write(token)).status).toBe(200);
    expect(await h.store.countMessages('tbl-admin')).toBe(1);
  });

  it('refuse bad entries with the reason, storing nothing', async () => {
    const before = (await h.store.siteKeys.list()).length;
    await expect(
      h.store.siteKeys.add({ site: 'tbl-a', role: 'viewer', origins: ['https://a.example/path'] }),
    ).rejects.toThrow(/origin must look like/);
    await expect(
      h.store.siteKeys.add({ site: 'tbl-a', role: 'admin', require_sign_in: true }),
    ).rejects.toThrow(/sign-in is for viewer keys/);
    expect((await h.store.siteKeys.list()).length).toBe(before);
  });
});

describe('pnpm sa keys', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sa-keys-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sa = async (args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)('pnpm', ['sa', ...args, '--db', path.join(dir, 'db')], {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('adds a key (printed once), lists it by id only, and revokes it; the proxy accepts it until then', async () => {
    const added = await sa([
      'keys',
      'add',
      '--site',
      'cli-site',
      '--role',
      'viewer',
      '--origin',
      ORIGIN,
      '--json',
    ]);
    expect(added.code).toBe(0);
    const created = JSON.parse(added.stdout) as { key: string; key_id: string; site: string };
    expect(created).toMatchObject({ site: 'cli-site', origins: [ORIGIN] });

    const listed = await sa(['keys', 'list']);
    expect(listed.stdout).toContain(created.key_id);
    expect(listed.stdout).toContain('active');
    expect(listed.stdout).not.toContain(created.key);

    const bad = await sa([
      'keys',
      'add',
      '--site',
      'cli-site',
      '--role',
      'viewer',
      '--origin',
      'https://x.example/',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^sa: --origin: origin must look like/m);

    const store = await openPGliteStore(path.join(dir, 'db'));
    try {
      const config = loadConfig(
        { SITE_KEYS_TABLE: 'on', HOST: '0.0.0.0', LOG_LEVEL: 'silent' },
        { cwd: dir },
      );
      const app = createApp({ store, config });
      const response = await app.request('/v1/messages', {
        headers: { 'x-site-key': created.key, origin: ORIGIN },
      });
      expect(response.status).toBe(200);
    } finally {
      await store.close();
    }

    const revoked = await sa(['keys', 'revoke', created.key_id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked .*revoked/);
    const again = await sa(['keys', 'revoke', created.key_id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no active site key has id ${created.key_id}`);
  }, 240_000);
});

const ADMIN_URL = process.env.TEST_DATABASE_URL;

describe.skipIf(!ADMIN_URL)('site keys table on PostgreSQL', () => {
  it('stores, finds by digest and by origin, and revokes, as on PGlite', async () => {
    const name = `sa_test_keys_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(ADMIN_URL as string, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(ADMIN_URL as string);
    url.pathname = `/${name}`;
    const store = await openPostgresStore(url.toString());
    try {
      const { key, stored } = await store.siteKeys.add({
        site: 'pg-site',
        role: 'viewer',
        origins: [ORIGIN, `chrome-extension://${'c'.repeat(32)}`],
        requests_per_minute: 5,
      });
      expect(await store.siteKeys.activeOrigins()).toEqual(
        new Set([ORIGIN, `chrome-extension://${'c'.repeat(32)}`]),
      );
      const config = loadConfig(
        { SITE_KEYS_TABLE: 'on', HOST: '0.0.0.0', LOG_LEVEL: 'silent' },
        { cwd: tmpdir() },
      );
      const app = createApp({ store, config });
      const response = await app.request('/v1/messages', { headers: { 'x-site-key': key, origin: ORIGIN } });
      expect(response.status).toBe(200);
      expect(await store.siteKeys.revoke(stored.key_id)).toMatchObject({ key_id: stored.key_id });
      expect(await store.siteKeys.findByDigest(createHash('sha256').update(key).digest('hex'))).toBeNull();
      expect(await store.siteKeys.activeOrigins()).toEqual(new Set());
    } finally {
      await store.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
