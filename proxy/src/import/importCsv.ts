import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MessageInput } from '@sa/shared';
import { type CsvError, parse } from 'csv-parse';
import type { SiteId, Store } from '../store/Store.ts';
import { REQUIRED_COLUMNS } from './columns.ts';
import { CsvFileError } from './errors.ts';
import { type ColumnIndex, readHeader } from './header.ts';
import { rowToMessage } from './row.ts';

/** All the importer needs of a store: a caller may open the real one lazily, on the first batch. */
export type MessageSink = Pick<Store, 'upsertMessages'>;

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

/**
 * The physical line a record starts on: the parser reports the line where it
 * ends, and after a skipped record its raw text can begin with blank lines.
 */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '');
  const newlines = body.match(NEWLINE)?.length ?? 0;
  return endLine - (body.endsWith('\n') ? newlines - 1 : newlines);
}

/**
 * Decodes UTF-8 across chunk boundaries and drops a BOM. Invalid bytes become
 * U+FFFD, which the row check reports with the line they are on, so one bad
 * byte costs one row, not the file. CRLF becomes LF (inside quoted text too):
 * the parser counts both characters of a quoted CRLF as line breaks, which
 * would put every later line number off, and a chat message loses nothing.
 */
function utf8Decoder(onBytes: (n: number) => void): Transform {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
  let heldCr = '';
  const normalise = (text: string, final: boolean): string => {
    let out = (heldCr + text).replace(/\r\n/g, '\n');
    heldCr = '';
    if (!final && out.endsWith('\r')) {
      heldCr = '\r';
      out = out.slice(0, -1);
    }
    return out;
  };
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
      done(null, normalise(decoder.decode(bytes, { stream: true }), false));
    },
    flush(done) {
      done(null, normalise(decoder.decode(), true));
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
  store: MessageSink,
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
  const parseErrorLines = new Set<number>();
  const parser = parse({
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      if (!error) return undefined;
      // The parser can report one broken record more than once (once per stray quote).
      const line = startLine(Number(error.lines ?? 0), raw ?? '');
      if (parseErrorLines.has(line)) return undefined;
      parseErrorLines.add(line);
      summary.rows++;
      fail(line, describeParseError(error));
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
  let fileError: CsvFileError | undefined;
  const consume = async (records: AsyncIterable<ParsedRecord>) => {
    for await (const { record, raw, info } of records) {
      if (!columns) {
        try {
          columns = readHeader(record);
        } catch (error) {
          if (error instanceof CsvFileError) fileError = error;
          throw error;
        }
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
  };
  try {
    await pipeline(
      input,
      utf8Decoder((n) => (bytes += n)),
      parser,
      consume,
    );
  } catch (error) {
    // pipeline() reports a consumer's throw as an abort; the reason a person needs is ours.
    throw fileError ?? error;
  }
  if (!columns) {
    throw new CsvFileError(
      `the file is empty: expected a header row (${REQUIRED_COLUMNS.join(',')}) and data rows`,
    );
  }
  if (summary.rows === 0) throw new CsvFileError('the file has a header but no data rows', 1);
  await flush();
  // Parse errors are found while the parser reads ahead of the rows being validated.
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

function describeParseError(error: CsvError): string {
  if (error.code.endsWith('QUOTE_NOT_CLOSED')) {
    return 'a quoted field is never closed: everything after its opening quote was read as one field';
  }
  if (error.code.includes('QUOTE')) {
    return 'a quote inside an unquoted field: quote the whole field and double the quotes inside it ("")';
  }
  return error.message;
}
