import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MessageInput } from '@sa/shared';
import { type CsvError, parse } from 'csv-parse';
import type { SiteId, Store } from '../store/Store.ts';
import { REQUIRED_COLUMNS } from './columns.ts';
import { CsvFileError } from './errors.ts';
import { type ColumnIndex, readHeader } from './header.ts';
import { rowToMessage } from './row.ts';

export interface RowError {
  /** 1-based physical line where the record starts (multi-line quoted fields counted). */
  line: number;
  reason: string;
}

export interface ImportSummary {
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  /** Rows that were new. */
  imported: number;
  updated: number;
  unchanged: number;
  /** The first `maxErrors` bad rows, in file order. */
  errors: RowError[];
  /** Every bad row, including those beyond `maxErrors`. */
  error_count: number;
}

export interface ImportProgress extends Omit<ImportSummary, 'errors'> {
  /** Bytes of the input consumed so far (for a progress bar against the file size). */
  bytes: number;
}

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  maxErrors?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: ImportProgress) => void;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

const NEWLINE = /\n/g;

/** The physical line a record starts on: the parser reports where it ends. */
function startLine(endLine: number, raw: string): number {
  const newlines = raw.match(NEWLINE)?.length ?? 0;
  return endLine - (raw.endsWith('\n') ? newlines - 1 : newlines);
}

/**
 * Decodes UTF-8 across chunk boundaries and drops a BOM. Invalid bytes become
 * U+FFFD, which the row check reports with the line they are on, so one bad
 * byte costs one row, not the file.
 */
function utf8Decoder(onBytes: (n: number) => void): Transform {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer | string, _encoding, done) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (first) {
        first = false;
        if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
          done(new CsvFileError('the file is UTF-16: save it as UTF-8 (with or without BOM)', 1));
          return;
        }
      }
      onBytes(bytes.length);
      done(null, decoder.decode(bytes, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

/**
 * Imports a CSV of messages (analytics.md, "CSV import") into `store` for
 * `site`. Good rows are upserted in batches, one transaction per batch, so an
 * interrupted import leaves only whole batches and running it again completes
 * it (upsert by id: no duplicates). Bad rows are reported by line and reason.
 * Throws CsvFileError when the file as a whole is unusable.
 */
export async function importCsv(
  input: AsyncIterable<Uint8Array | string>,
  store: Store,
  site: SiteId,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1000;
  const maxErrors = options.maxErrors ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be ≥ 1, got ${batchSize}`);
  const summary: ImportSummary = {
    rows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    error_count: 0,
  };
  let bytes = 0;
  const fail = (line: number, reason: string) => {
    summary.error_count++;
    if (summary.errors.length < maxErrors) summary.errors.push({ line, reason });
  };
  const parserErrors: RowError[] = [];
  const parser = parse({
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      if (error)
        parserErrors.push({
          line: startLine(Number(error.lines ?? 0), raw ?? ''),
          reason: describeParseError(error),
        });
      return undefined;
    },
  });

  let batch: MessageInput[] = [];
  let batchIds = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await store.upsertMessages(site, batch);
    summary.imported += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    batch = [];
    batchIds = new Set();
    const { errors: _errors, ...counts } = summary;
    options.onProgress?.({ ...counts, bytes });
  };

  let columns: ColumnIndex | undefined;
  let width = 0;
  await pipeline(
    input,
    utf8Decoder((n) => (bytes += n)),
    parser,
    async (records: AsyncIterable<ParsedRecord>) => {
      for await (const { record, raw, info } of records) {
        for (const error of parserErrors.splice(0)) {
          summary.rows++;
          fail(error.line, error.reason);
        }
        if (!columns) {
          columns = readHeader(record);
          width = record.length;
          continue;
        }
        summary.rows++;
        const row = rowToMessage(record, columns, width);
        if (!row.ok) {
          fail(startLine(info.lines, raw), row.reason);
          continue;
        }
        // The same id twice in one transaction cannot be upserted; the later row goes in the next batch.
        if (batchIds.has(row.message.id)) await flush();
        batch.push(row.message);
        batchIds.add(row.message.id);
        if (batch.length >= batchSize) await flush();
      }
    },
  );
  if (!columns) {
    throw new CsvFileError(
      `the file is empty: expected a header row (${REQUIRED_COLUMNS.join(',')}) and data rows`,
    );
  }
  for (const error of parserErrors.splice(0)) {
    summary.rows++;
    fail(error.line, error.reason);
  }
  if (summary.rows === 0) throw new CsvFileError('the file has a header but no data rows', 1);
  await flush();
  return summary;
}

function describeParseError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed: everything after its opening quote was read as one field';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quote inside a field: quote the whole field and double the quotes inside it ("")';
    default:
      return error.message;
  }
}
