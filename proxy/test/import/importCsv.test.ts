import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvFileError } from '../../src/import/errors.ts';
import { importCsv } from '../../src/import/importCsv.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
const fromFile = (name: string) => createReadStream(fixture(name));
const fromText = (text: string | Buffer) =>
  Readable.from([typeof text === 'string' ? Buffer.from(text) : text]);
const HEADER = 'id,source,conversation_id,author_role,created_at,text\n';

let store: Store;
let siteCounter = 0;
/** Each test writes to its own site, so one migrated store serves the whole file. */
const newSite = () => `import-test-${++siteCounter}`;

beforeAll(async () => {
  store = await openPGliteStore(null);
});
afterAll(async () => {
  await store.close();
});

async function allMessages(site: string) {
  const page = await store.listMessages(site, { filters: {}, limit: 200 });
  return page.messages;
}

describe('importCsv', () => {
  it('imports a good file, multi-line quoted text and escaped quotes included', async () => {
    const site = newSite();
    const summary = await importCsv(fromFile('good.csv'), store, site);
    expect(summary).toEqual({ rows: 5, imported: 5, updated: 0, unchanged: 0, errors: [], error_count: 0 });
    const byId = new Map((await allMessages(site)).map((m) => [m.id, m]));
    expect(byId.get('telegram:777:10')?.text).toBe('he said "wait 24h", it has been 3 days');
    expect(byId.get('livechat:C2:1')?.text).toBe('line one\nline two, with a comma');
    expect(byId.get('livechat:C1:1')?.labelled_by).toBe('pending');
    expect(Date.parse(byId.get('telegram:777:10')?.created_at ?? '')).toBe(
      Date.parse('2026-11-21T07:15:00Z'),
    );
  });

  it('reports each bad row with its physical line and reason while the good rows import', async () => {
    const site = newSite();
    const summary = await importCsv(fromFile('bad-rows.csv'), store, site);
    expect(summary.errors.map((e) => e.line)).toEqual([5, 6, 7, 10, 11, 13]);
    expect(summary.errors[0]?.reason).toMatch(/^source: .*\(got "whatsapp"\)/);
    expect(summary.errors[1]?.reason).toMatch(/^created_at: .*\(got "yesterday"\)/);
    expect(summary.errors[2]?.reason).toMatch(/^text: text is empty after trimming/);
    expect(summary.errors[3]?.reason).toBe('expected 6 fields like the header, got 5');
    expect(summary.errors[4]?.reason).toMatch(/quote/);
    expect(summary.errors[5]?.reason).toMatch(/^author_role: .*\(got "boss"\)/);
    expect(summary).toMatchObject({ rows: 9, imported: 3, updated: 0, unchanged: 0, error_count: 6 });
    expect((await allMessages(site)).map((m) => m.id).sort()).toEqual([
      'livechat:B1:1',
      'livechat:B1:5',
      'livechat:B1:9',
    ]);
  });

  it('is idempotent: importing the same file again writes nothing new', async () => {
    const site = newSite();
    await importCsv(fromFile('good.csv'), store, site);
    const again = await importCsv(fromFile('good.csv'), store, site, { batchSize: 2 });
    expect(again).toMatchObject({ rows: 5, imported: 0, updated: 0, unchanged: 5, error_count: 0 });
    expect(await store.countMessages(site)).toBe(5);
  });

  it('updates a row whose text changed and counts it as updated', async () => {
    const site = newSite();
    await importCsv(fromFile('good.csv'), store, site);
    const changed = `${HEADER}livechat:C1:1,livechat,C1,customer,2026-11-20T18:01:00Z,edited text\n`;
    expect(await importCsv(fromText(changed), store, site)).toMatchObject({
      rows: 1,
      imported: 0,
      updated: 1,
    });
    expect(await store.countMessages(site)).toBe(5);
  });

  it('keeps topics and sentiment columns as human labels; empty label cells mean unlabelled', async () => {
    const site = newSite();
    const summary = await importCsv(fromFile('labelled.csv'), store, site);
    expect(summary).toMatchObject({ rows: 4, imported: 4, error_count: 0 });
    const byId = new Map((await allMessages(site)).map((m) => [m.id, m]));
    expect(byId.get('livechat:L2:1')).toMatchObject({
      topics: expect.arrayContaining(['withdrawal', 'verification']),
      sentiment: 'neutral',
      labelled_by: 'human',
    });
    expect(byId.get('livechat:L1:2')).toMatchObject({ topics: ['withdrawal'], sentiment: 'angry' });
    expect(byId.get('livechat:L3:1')?.labelled_by).toBe('pending');
  });

  it('rejects an unknown topic or sentiment label with the value named', async () => {
    const site = newSite();
    const csv = `${HEADER.trim()},topics,sentiment\nx:1,livechat,c,customer,2026-11-20T18:01:00Z,hi,deposit|casino,furious\n`;
    const summary = await importCsv(fromText(csv), store, site);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]?.line).toBe(2);
    expect(summary.errors[0]?.reason).toContain('topics: ');
    expect(summary.errors[0]?.reason).toContain('(got "deposit|casino")');
    expect(summary.errors[0]?.reason).toContain('sentiment: ');
  });

  it('reads a BOM, columns in any order and any case, and ignores unknown columns', async () => {
    const site = newSite();
    const summary = await importCsv(fromFile('bom-reordered.csv'), store, site);
    expect(summary).toMatchObject({ rows: 2, imported: 2, error_count: 0 });
    const byId = new Map((await allMessages(site)).map((m) => [m.id, m]));
    expect(byId.get('telegram:C9:1')).toMatchObject({
      text: 'hello from a BOM file',
      source: 'telegram',
      conversation_id: 'C9',
    });
    expect(byId.get('telegram:C9:2')).toMatchObject({ text: 'second, row', author_role: 'agent' });
  });

  it('accepts 8,000 characters of text and rejects 8,001 without truncating', async () => {
    const site = newSite();
    const row = (id: string, text: string) => `${id},livechat,c,customer,2026-11-20T18:01:00Z,${text}\n`;
    const csv = HEADER + row('ok', 'a'.repeat(8000)) + row('long', 'b'.repeat(8001));
    const summary = await importCsv(fromText(csv), store, site);
    expect(summary.errors).toEqual([
      { line: 3, reason: 'text: text is longer than 8000 characters after trimming' },
    ]);
    const stored = await allMessages(site);
    expect(stored.map((m) => [m.id, m.text.length])).toEqual([['ok', 8000]]);
  });

  it('reports a row with bytes that are not UTF-8 and imports the rest, even when chunks split characters', async () => {
    const site = newSite();
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}u:1,livechat,c,customer,2026-11-20T18:01:00Z,caf`),
      Buffer.from([0xc3, 0xa9]),
      Buffer.from('\nu:2,livechat,c,customer,2026-11-20T18:02:00Z,bad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' byte\n'),
    ]);
    const oneByteChunks = Readable.from([...bytes].map((b) => Buffer.from([b])));
    const summary = await importCsv(oneByteChunks, store, site);
    expect(summary.errors).toEqual([{ line: 3, reason: expect.stringMatching(/not valid UTF-8/) }]);
    expect((await allMessages(site)).map((m) => m.text)).toEqual(['café']);
  });

  it('treats the same id twice in one file as an update of the first', async () => {
    const site = newSite();
    const csv = `${HEADER}d:1,livechat,c,customer,2026-11-20T18:01:00Z,first\nd:1,livechat,c,customer,2026-11-20T18:01:00Z,second\n`;
    expect(await importCsv(fromText(csv), store, site)).toMatchObject({ rows: 2, imported: 1, updated: 1 });
    expect((await allMessages(site)).map((m) => m.text)).toEqual(['second']);
  });

  it('reports progress after each batch', async () => {
    const site = newSite();
    const rows = Array.from(
      { length: 25 },
      (_, i) => `p:${i},telegram,c,customer,2026-11-20T18:01:00Z,message ${i}\n`,
    );
    const seen: number[] = [];
    await importCsv(fromText(HEADER + rows.join('')), store, site, {
      batchSize: 10,
      onProgress: (p) => seen.push(p.imported),
    });
    expect(seen).toEqual([10, 20, 25]);
  });

  it('counts lines right with CRLF line ends and quoted CRLF (stored as LF), even split across chunks', async () => {
    const site = newSite();
    const csv = [
      HEADER.trim(),
      'w:1,livechat,c,customer,2026-11-20T18:01:00Z,"first\r\nsecond\r\nthird"',
      'w:2,livechat,c,nobody,2026-11-20T18:02:00Z,bad role',
      '',
    ].join('\r\n');
    const oneByteChunks = Readable.from([...Buffer.from(csv)].map((b) => Buffer.from([b])));
    const summary = await importCsv(oneByteChunks, store, site);
    expect(summary.errors.map((e) => e.line)).toEqual([5]);
    expect((await allMessages(site)).map((m) => m.text)).toEqual(['first\nsecond\nthird']);
  });

  it('keeps the first `maxErrors` errors and counts all of them', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `e:${i},fax,c,customer,2026-11-20T18:01:00Z,x\n`);
    const summary = await importCsv(fromText(HEADER + rows.join('')), store, newSite(), { maxErrors: 2 });
    expect(summary.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(summary.error_count).toBe(5);
    expect(summary.rows).toBe(5);
  });

  describe('unusable files', () => {
    const cases: [string, RegExp][] = [
      [
        'empty.csv',
        /the file is empty: expected a header row \(id,source,conversation_id,author_role,created_at,text\)/,
      ],
      ['header-only.csv', /has a header but no data rows/],
      ['missing-columns.csv', /missing required columns author_role, text/],
      ['semicolon.csv', /separated by ";", not commas/],
    ];
    it.each(cases)('%s → a clear error and nothing written', async (file, message) => {
      const site = newSite();
      const error = await importCsv(fromFile(file), store, site).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvFileError);
      expect((error as Error).message).toMatch(message);
      expect(await store.countMessages(site)).toBe(0);
    });

    it('a UTF-16 file → asks for UTF-8', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]);
      await expect(importCsv(fromText(utf16), store, newSite())).rejects.toThrow(/UTF-16: save it as UTF-8/);
    });

    it('a header naming a column twice → names it', async () => {
      const csv = 'id,source,conversation_id,author_role,created_at,text,Text\n';
      await expect(importCsv(fromText(csv), store, newSite())).rejects.toThrow(/names column "text" twice/);
    });
  });
});
