import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { EXPORT_CSV_COLUMNS } from '../../src/http/exportStream.ts';
import { MAX_MESSAGES_PER_REQUEST } from '../../src/http/routes/messages.ts';
import { openPGliteDatabase, pgliteConnection } from '../../src/store/pglite.ts';
import { createSqlStore } from '../../src/store/SqlStore.ts';
import { errorOf, type Harness, json, message, openHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

/** Keys for separate sites on one store, so each block sees only its own rows. */
const KEYS = {
  ingest: 'k_ingest_admin_000001',
  list: 'k_list_admin_00000001',
  listViewer: 'k_list_viewer_0000001',
  query: 'k_query_admin_0000001',
  exporter: 'k_export_admin_000001',
  importer: 'k_import_admin_000001',
  other: 'k_other_admin_0000001',
};
const SITE_KEYS = [
  `${KEYS.ingest}:ingest:admin`,
  `${KEYS.list}:list:admin`,
  `${KEYS.listViewer}:list:viewer`,
  `${KEYS.query}:query:admin`,
  `${KEYS.exporter}:export:admin`,
  `${KEYS.importer}:import:admin`,
  `${KEYS.other}:other:admin`,
].join(',');
/** Admin routes need it beside an admin key; viewers' requests carry it too, harmlessly. */
const ADMIN_TOKEN = 'api_test_admin_token_0123456789abcdef';
const auth = (key: string) => ({ 'x-site-key': key, authorization: `Bearer ${ADMIN_TOKEN}` });

function keyedApp() {
  return h.app({ SITE_KEYS, HOST: '127.0.0.1', ADMIN_TOKEN });
}

describe('GET /healthz', () => {
  it('reports store, model and providers without a key', async () => {
    const shipped = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'models', 'default', 'config.json'), 'utf8'),
    ) as { sa_model_version: string };
    const response = await keyedApp().request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      store: { kind: 'pglite', ok: true },
      // Before the first classification the folder is the evidence, and it names the shipped version.
      model: { ready: true, version: shipped.sa_model_version },
      providers: { available: ['local'], default: 'local' },
      open_local_mode: false,
    });
  });
});

describe('POST /v1/messages', () => {
  const post = (body: unknown, headers: Record<string, string> = auth(KEYS.ingest)) =>
    keyedApp().request('/v1/messages', json(body, headers));

  it('stores a batch, labelled or not, and counts re-sent ones as unchanged', async () => {
    const batch = [message(1), message(2, { topics: ['withdrawal'], sentiment: 'negative' })];
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 2, inserted: 2, updated: 0, unchanged: 0 });
    const again = await post(batch);
    expect(await again.json()).toMatchObject({ inserted: 0, unchanged: 2 });
    const page = await h.store.listMessages('ingest', { filters: {}, limit: 10 });
    const labelled = Object.fromEntries(page.messages.map((m) => [m.id, m.labelled_by]));
    expect(labelled).toEqual({ [message(1).id]: 'pending', [message(2).id]: 'human' });
  });

  it('rejects the whole batch when one item is bad, naming each item by index', async () => {
    const before = await h.store.countMessages('ingest');
    const response = await post([
      message(10),
      { ...message(11), text: '   ' },
      { ...message(12), mood: 'happy' },
      message(10),
    ]);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^3 of 4 messages invalid, none stored; first: item 1 text: /);
    expect(error.details).toEqual([
      { index: 1, path: 'text', message: 'text is empty after trimming' },
      { index: 2, path: 'mood', message: 'unknown field' },
      { index: 3, path: 'id', message: 'same id as item 0; each id once per request' },
    ]);
    expect(await h.store.countMessages('ingest')).toBe(before);
  });

  it('rejects text over 8,000 characters instead of truncating it', async () => {
    const response = await post([message(20, { text: 'x'.repeat(8001) })]);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).details).toEqual([
      { index: 0, path: 'text', message: 'text is longer than 8000 characters after trimming' },
    ]);
  });

  it.each([
    ['an object', { id: 'x' }, 'body must be a JSON array of messages'],
    ['an empty array', [], 'body is an empty array; send at least one message'],
    ['wrong types', [{ ...message(30), created_at: 12 }], 'created_at'],
  ])('answers 400 for %s', async (_name, body, expected) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain(expected);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await keyedApp().request('/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(KEYS.ingest) },
      body: '[{"id": ',
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^body is not valid JSON/);
  });

  it('answers 415 for another content type', async () => {
    const response = await keyedApp().request('/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...auth(KEYS.ingest) },
      body: 'id\n1',
    });
    expect(response.status).toBe(415);
    expect(await errorOf(response)).toEqual({
      code: 'unsupported_media_type',
      message: 'send Content-Type: application/json (got text/csv)',
    });
  });

  it('answers 413 for too many messages or a body over the limit', async () => {
    const many = Array.from({ length: MAX_MESSAGES_PER_REQUEST + 1 }, (_, i) => ({ id: String(i) }));
    const tooMany = await post(many);
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).code).toBe('payload_too_large');
    const huge = await keyedApp().request('/v1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(11 * 1024 * 1024),
        ...auth(KEYS.ingest),
      },
      body: '[]',
    });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).message).toBe('body is larger than 10 MB on this route');
  });
});

describe('site keys', () => {
  it('needs a key on /v1 routes once SITE_KEYS is set', async () => {
    const response = await keyedApp().request('/v1/messages');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await errorOf(response)).code).toBe('unauthorized');
    expect((await keyedApp().request('/v1/messages', { headers: auth('k_wrong_key_00000000') })).status).toBe(
      401,
    );
  });

  it('accepts the key as a bearer token, X-Site-Key, or ?site_key= on GET', async () => {
    const app = keyedApp();
    expect(
      (await app.request('/v1/messages', { headers: { authorization: `Bearer ${KEYS.list}` } })).status,
    ).toBe(200);
    expect((await app.request('/v1/messages', { headers: { 'x-site-key': KEYS.list } })).status).toBe(200);
    expect((await app.request(`/v1/messages?site_key=${KEYS.list}`)).status).toBe(200);
    const postWithQueryKey = await app.request(`/v1/messages?site_key=${KEYS.list}`, json([message(1)], {}));
    expect(postWithQueryKey.status).toBe(401);
  });

  it('lets a viewer read but not write', async () => {
    const response = await keyedApp().request('/v1/messages', json([message(1)], auth(KEYS.listViewer)));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toEqual({
      code: 'forbidden',
      message: 'this route needs an admin site key',
    });
  });

  it('keeps sites apart', async () => {
    const app = keyedApp();
    await app.request('/v1/messages', json([message(500)], auth(KEYS.other)));
    const page = (await (await app.request('/v1/messages', { headers: auth(KEYS.ingest) })).json()) as {
      messages: { id: string }[];
    };
    expect(page.messages.map((m) => m.id)).not.toContain(message(500).id);
  });

  it('needs no key in open local mode and acts for site default', async () => {
    const open = h.app();
    const response = await open.request('/v1/messages', json([message(900)]));
    expect(response.status).toBe(200);
    expect(await h.store.countMessages('default')).toBe(1);
  });
});

describe('GET /v1/messages', () => {
  const get = (query: string, key = KEYS.list) =>
    keyedApp().request(`/v1/messages${query}`, { headers: auth(key) });
  type Page = { messages: { id: string; source: string; topics: string[] }[]; next_cursor: string | null };

  beforeAll(async () => {
    const batch = Array.from({ length: 25 }, (_, i) =>
      message(i, i % 5 === 0 ? { source: 'telegram', topics: ['bonus'], sentiment: 'positive' } : {}),
    );
    const response = await keyedApp().request('/v1/messages', json(batch, auth(KEYS.list)));
    expect(response.status).toBe(200);
  });

  it('pages newest first with a cursor until next_cursor is null', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const response = await get(`?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      seen.push(...page.messages.map((m) => m.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toHaveLength(25);
    expect(seen[0]).toBe(message(24).id);
    expect(new Set(seen).size).toBe(25);
  });

  it('filters by comma-separated or repeated list parameters, and by time', async () => {
    const telegram = (await (await get('?sources=telegram')).json()) as Page;
    expect(telegram.messages).toHaveLength(5);
    expect(telegram.messages.every((m) => m.source === 'telegram')).toBe(true);
    const both = (await (await get('?sources=telegram&sources=livechat&limit=200')).json()) as Page;
    expect(both.messages).toHaveLength(25);
    const bonus = (await (await get('?topics=bonus,deposit')).json()) as Page;
    expect(bonus.messages).toHaveLength(5);
    const from = message(20).created_at;
    const recent = (await (await get(`?from=${encodeURIComponent(from)}`)).json()) as Page;
    expect(recent.messages.map((m) => m.id)).toEqual([24, 23, 22, 21, 20].map((n) => message(n).id));
  });

  it.each([
    ['?limit=201', 'limit'],
    ['?limit=0', 'limit'],
    ['?limit=ten', 'limit'],
    ['?topics=poker', 'topics.0'],
    ['?color=red', 'color'],
    ['?from=yesterday', 'from'],
    ['?text=a&text=b', 'text'],
    ['?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z', 'to'],
  ])('answers 400 naming the parameter for %s', async (query, path) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('bad_request');
    expect((error.details as { path: string }[]).map((d) => d.path)).toContain(path);
  });

  it('answers 400 for a cursor the store did not hand out', async () => {
    const response = await get('?cursor=not-a-cursor');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/cursor/);
  });
});

describe('POST /v1/query', () => {
  const query = (body: unknown, headers: Record<string, string> = auth(KEYS.query)) =>
    keyedApp().request('/v1/query', json(body, headers));
  const window = { from: '2026-10-01T00:00:00Z', to: '2026-10-02T00:00:00Z' };

  beforeAll(async () => {
    const batch = [
      message(1, { topics: ['withdrawal'], sentiment: 'angry' }),
      message(2, { topics: ['withdrawal'], sentiment: 'neutral' }),
      message(3, { topics: ['deposit'], sentiment: 'neutral', author_role: 'agent' }),
    ];
    expect((await keyedApp().request('/v1/messages', json(batch, auth(KEYS.query)))).status).toBe(200);
  });

  it('returns the query as executed, defaults filled, with its result', async () => {
    const response = await query({ metric: 'count', filters: window });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      query: {
        metric: 'count',
        filters: { ...window, roles: ['customer'] },
        compare_previous: false,
        time_zone: 'UTC',
      },
      result: { metric: 'count', window, value: 2 },
    });
  });

  it('runs a breakdown', async () => {
    const response = await query({ metric: 'breakdown', group_by: 'sentiment', filters: window });
    const body = (await response.json()) as {
      result: { rows: { key: string; count: number }[]; total: number };
    };
    expect(body.result.total).toBe(2);
    expect(body.result.rows).toEqual(
      expect.arrayContaining([
        { key: 'angry', count: 1 },
        { key: 'neutral', count: 1 },
      ]),
    );
  });

  it('answers 400 invalid_query with each problem and its path', async () => {
    const response = await query({
      metric: 'breakdown',
      filters: { ...window, topics: ['poker'] },
      limit: 1000,
      extra: true,
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_query');
    expect(error.message).toMatch(/^invalid analytics query: /);
    const paths = (error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['filters.topics.0', 'limit', 'extra']));
  });

  it('checks cross-field rules before touching the store', async () => {
    const response = await query({ metric: 'count', filters: { from: window.to, to: window.from } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).details).toEqual([
      { path: 'filters.to', message: 'to must be after from' },
    ]);
  });

  it('answers 413 for a body over 64 KB', async () => {
    const response = await query({ metric: 'count', filters: { ...window, text: 'x'.repeat(70_000) } });
    expect(response.status).toBe(413);
  });
});

describe('GET /v1/export', () => {
  const ROWS = 1234;
  beforeAll(async () => {
    const batch = Array.from({ length: ROWS }, (_, i) =>
      message(i, {
        text: i === 7 ? 'a "quoted", multi\nline text' : `row ${i}`,
        ...(i % 2 === 0 ? { topics: ['deposit', 'bonus'], sentiment: 'neutral' } : {}),
      }),
    );
    const response = await keyedApp().request('/v1/messages', json(batch, auth(KEYS.exporter)));
    expect(response.status).toBe(200);
  });

  const get = (query: string) => keyedApp().request(`/v1/export${query}`, { headers: auth(KEYS.exporter) });

  it('streams every row as CSV with the import columns first', async () => {
    const response = await get('?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="messages-export-.*\.csv"$/,
    );
    expect(response.headers.get('content-length')).toBeNull();
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ROWS);
    expect(Object.keys(rows[0] as object)).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(rows[0]?.id).toBe(message(ROWS - 1).id);
    const quoted = rows.find((row) => row.id === message(7).id);
    expect(quoted?.text).toBe('a "quoted", multi\nline text');
    const labelled = rows.find((row) => row.id === message(8).id);
    expect(labelled).toMatchObject({ topics: 'deposit|bonus', sentiment: 'neutral', labelled_by: 'human' });
  });

  it('streams a JSON array that parses whole', async () => {
    const response = await get('?format=json&topics=bonus');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rows = (await response.json()) as { id: string; topics: string[] }[];
    expect(rows).toHaveLength(ROWS / 2);
    expect(rows.every((row) => row.topics.includes('bonus'))).toBe(true);
  });

  it('sends a header-only CSV and an empty JSON array when nothing matches', async () => {
    const csv = await (await get('?format=csv&text=no-such-text')).text();
    expect(csv).toBe(`${EXPORT_CSV_COLUMNS.join(',')}\n`);
    expect(await (await get('?format=json&text=no-such-text')).json()).toEqual([]);
  });

  it('defaults to CSV and rejects unknown formats and parameters', async () => {
    expect((await get('')).headers.get('content-type')).toMatch(/^text\/csv/);
    const bad = await get('?format=xml');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details).toEqual([
      { path: 'format', message: expect.stringContaining('csv') },
    ]);
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 JSON', async () => {
    const response = await h.app().request('/v1/nothing');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'not_found', message: 'no route GET /v1/nothing' });
  });

  it('answers a known route with the wrong method with 405 and Allow', async () => {
    const response = await h.app().request('/v1/query');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const put = await h.app().request('/v1/messages', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers 503 with Retry-After when the store is down, and /healthz says so', async () => {
    const closed = createSqlStore(pgliteConnection(await openPGliteDatabase(null)));
    await closed.close();
    const app = createApp({ store: closed, config: h.config(), log: h.log });
    const response = await app.request('/v1/export');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await errorOf(response)).toEqual({
      code: 'store_unavailable',
      message: 'the database cannot be reached; retry shortly',
    });
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, store: { ok: false } });
  });

  it('never sends a stack trace; the log keeps it under the request id', async () => {
    const db = await openPGliteDatabase(null);
    const broken = createSqlStore(pgliteConnection(db));
    await broken.migrate();
    // A database whose schema vanished under a running proxy: every data call fails inside Postgres.
    const { rows } = await db.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'",
    );
    for (const { nspname } of rows) await db.exec(`drop schema "${nspname}" cascade`);
    const app = createApp({ store: broken, config: h.config(), log: h.log });
    const response = await app.request('/v1/messages', { headers: { 'x-request-id': 'req-broken-1' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-broken-1');
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      error: { code: 'internal', message: 'internal error; quote request id req-broken-1 when reporting it' },
    });
    expect(body).not.toMatch(/at .*\.ts|stack|schema/);
    const logged = h.logs.find(
      (entry) => entry.request_id === 'req-broken-1' && entry.msg === 'unhandled error',
    );
    expect(logged).toMatchObject({ error: { stack: expect.any(String) } });
    await broken.close();
  });
});

describe('request ids and logs', () => {
  it('echoes a sane X-Request-Id, makes one otherwise, and logs each request with it', async () => {
    const app = h.app();
    const given = await app.request('/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = h.logs.find((entry) => entry.request_id === 'abc-123');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/healthz',
      status: 200,
    });
  });
});

describe('POST /v1/import', () => {
  const csv = (body: string, contentType = 'text/csv; charset=utf-8') =>
    keyedApp().request('/v1/import', {
      method: 'POST',
      headers: { 'content-type': contentType, ...auth(KEYS.importer) },
      body,
    });
  const header = 'id,source,conversation_id,author_role,created_at,text,topics';

  it('imports good rows and reports bad ones by line', async () => {
    const body = [
      header,
      'imp-1,livechat,c1,customer,2026-10-01T10:00:00Z,"deposit not credited, please help",deposit',
      'imp-2,fax,c1,customer,2026-10-01T10:01:00Z,hello,',
      'imp-3,telegram,c2,customer,2026-10-01T10:02:00Z,"multi',
      'line",',
      '',
    ].join('\n');
    const response = await csv(body);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as { rows: number; imported: number; errors: { line: number }[] };
    expect(summary).toMatchObject({ rows: 3, imported: 2, error_count: 1 });
    expect(summary.errors.map((e) => e.line)).toEqual([3]);
    const page = await h.store.listMessages('import', { filters: {}, limit: 10 });
    expect(page.messages.map((m) => m.id).sort()).toEqual(['imp-1', 'imp-3']);
    expect(page.messages.find((m) => m.id === 'imp-3')?.text).toBe('multi\nline');
  });

  it('answers 400 with the line for a file it cannot read at all', async () => {
    const response = await csv('just,some,columns\n1,2,3\n');
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/id/);
  });

  it('answers 415 unless the body is UTF-8 text/csv', async () => {
    expect((await csv('x', 'application/json')).status).toBe(415);
    const latin1 = await csv('x', 'text/csv; charset=iso-8859-1');
    expect(latin1.status).toBe(415);
    expect((await errorOf(latin1)).message).toBe('send the CSV as UTF-8 (got charset=iso-8859-1)');
  });

  it('needs an admin key', async () => {
    const response = await keyedApp().request('/v1/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...auth(KEYS.listViewer) },
      body: header,
    });
    expect(response.status).toBe(403);
  });
});

describe('GET /openapi.json', () => {
  type Doc = {
    openapi: string;
    paths: Record<string, Record<string, { responses: object; requestBody?: unknown }>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };

  it('is OpenAPI 3.1 listing every API route the app serves, with schemas from the contracts', async () => {
    const app = h.app();
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const served = app.routes
      .filter(
        (r) =>
          r.method !== 'ALL' &&
          (r.path.startsWith('/v1/') || r.path === '/healthz' || r.path === '/openapi.json'),
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(documented.sort()).toEqual([...new Set(served)].sort());
    for (const route of [
      'get /healthz',
      'post /v1/query',
      'get /v1/messages',
      'post /v1/messages',
      'post /v1/import',
      'get /v1/export',
    ]) {
      expect(documented).toContain(route);
    }
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
    expect(doc.components.schemas.AnalyticsQuery).toMatchObject({
      type: 'object',
      required: ['metric', 'filters'],
    });
    expect(doc.components.schemas.MessageInput).toMatchObject({ additionalProperties: false });
    expect(doc.components.schemas.ApiError).toBeDefined();
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    const doc = await (await h.app().request('/openapi.json')).json();
    const result = await new Validator().validate(doc as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has only references that resolve', async () => {
    const text = await (await h.app().request('/openapi.json')).text();
    const doc = JSON.parse(text) as Doc;
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(5);
    const allRefs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(allRefs.every((ref) => ref?.startsWith('#/components/schemas/'))).toBe(true);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
  });
});
