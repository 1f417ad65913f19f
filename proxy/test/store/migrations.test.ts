import type { PGlite } from '@electric-sql/pglite';
import { TOPICS } from '@sa/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/store/migrations.ts';
import { openPGliteDatabase, pgliteConnection } from '../../src/store/pglite.ts';
import { createSqlStore } from '../../src/store/SqlStore.ts';
import { SQL_FUNCTIONS } from '../../src/store/sqlFunctions.ts';
import { DST_AUTUMN, unlabelled, WEEK } from './fixtures.ts';

describe('SQL migrations', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = await openPGliteDatabase(null);
    await pgliteConnection(db).migrate();
  });
  afterAll(async () => {
    await db.close();
  });

  it('apply once: a second migrate changes nothing', async () => {
    const files = await loadMigrations();
    await pgliteConnection(db).migrate();
    const { rows } = await db.query<{ version: string }>(
      'select version from sa_migrations order by version',
    );
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
  });

  it('encode the taxonomy in the order of TOPICS, one bit per topic', async () => {
    const { rows } = await db.query<{ topics: string[] }>('select sa_topics() as topics');
    expect(rows[0]?.topics).toEqual([...TOPICS]);
    for (const [i, topic] of TOPICS.entries()) {
      const mask = await db.query<{ m: number }>('select sa_topic_mask(array[$1]) as m', [topic]);
      expect(mask.rows[0]?.m).toBe(1 << i);
    }
    const both = await db.query<{ m: number }>("select sa_topic_mask(array['deposit', 'other']) as m");
    expect(both.rows[0]?.m).toBe(1 | (1 << TOPICS.indexOf('other')));
  });

  it('define every function the adapters call, with the arguments they pass, in order', async () => {
    for (const [fn, args] of Object.entries(SQL_FUNCTIONS)) {
      const { rows } = await db.query<{ names: string[] | null }>(
        'select proargnames as names from pg_proc where proname = $1',
        [fn],
      );
      expect(rows, fn).toHaveLength(1);
      expect(rows[0]?.names ?? [], fn).toEqual(Object.keys(args));
    }
  });

  it('write nothing of a batch the database refuses, even past the TypeScript checks', async () => {
    const good = unlabelled('ok', '2026-11-01T10:00:00Z');
    const bad = { ...unlabelled('bad', '2026-11-01T10:00:00Z'), source: 'email' };
    await expect(db.query('select sa_upsert_messages($1, $2::jsonb)', ['raw', [good, bad]])).rejects.toThrow(
      /messages_source_check/,
    );
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from messages where site_id = 'raw'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('keep every rollup equal to a rebuild from the messages through inserts, relabels, edits and deletes', async () => {
    const store = createSqlStore(pgliteConnection(db));
    await store.upsertMessages('roll', [...WEEK, ...DST_AUTUMN, unlabelled('u1', '2026-11-18T07:10:00Z')]);
    await store.saveModelLabels([
      {
        site: 'roll',
        id: 'u1',
        topics: ['bonus', 'other'],
        topic_scores: {},
        sentiment: 'angry',
        model_version: 'm',
      },
      {
        site: 'roll',
        id: 'p1',
        topics: ['technical'],
        topic_scores: {},
        sentiment: 'negative',
        model_version: 'm',
      },
    ]);
    await store.upsertMessages('roll', [
      {
        ...unlabelled('m1', '2026-11-19T03:00:00Z'),
        topics: ['deposit'],
        sentiment: 'positive',
        source: 'telegram',
      },
    ]);
    await store.markForReclassification('roll');
    await db.query("delete from messages where site_id = 'roll' and id in ('m2', 'd3')");

    const snapshot = async () =>
      Promise.all(
        ['sa_rollup_hour', 'sa_rollup_day', 'sa_volume_hour', 'sa_volume_day', 'sa_topic_day'].map(
          async (table) =>
            (
              await db.query(
                `select site_id, bucket, source, author_role, sentiment, n::int as n
                        ${table === 'sa_volume_hour' || table === 'sa_volume_day' ? '' : ', topic_mask'}
                 from ${table} where site_id = 'roll' order by 1, 2, 3, 4, 5${table === 'sa_volume_hour' || table === 'sa_volume_day' ? '' : ', 7'}`,
              )
            ).rows,
        ),
      );
    const maintained = await snapshot();
    expect(maintained[0]?.length).toBeGreaterThan(0);
    await db.query('select sa_rebuild_rollups()');
    expect(await snapshot()).toEqual(maintained);
  });
});
