import { Hono } from 'hono';
import { CsvFileError } from '../../import/errors.ts';
import { type ImportProgress, importCsv } from '../../import/importCsv.ts';
import type { Store } from '../../store/Store.ts';
import { limitedBodyStream, MB, rejectNulBytes, requireMediaType } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../errors.ts';

export const IMPORT_BODY_LIMIT = 100 * MB;

/**
 * `POST /v1/import`: a `text/csv` body streamed into the CSV importer (same rules as `sa import`):
 * bad rows come back by line, good rows are stored in whole batches, and re-sending is idempotent.
 */
export function importRoutes(store: Store, onStored: (site: string, count: number) => void = () => {}) {
  return new Hono<AppEnv>().post('/v1/import', async (c) => {
    requireMediaType(c, 'text/csv');
    const charset = c.req.header('content-type')?.match(/charset\s*=\s*"?([^";\s]+)/i)?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      throw new HttpError(415, 'unsupported_media_type', `send the CSV as UTF-8 (got charset=${charset})`);
    }
    const site = c.get('site');
    let committed: ImportProgress | undefined;
    try {
      const summary = await importCsv(rejectNulBytes(limitedBodyStream(c, IMPORT_BODY_LIMIT)), store, site, {
        onProgress: (progress) => {
          committed = progress;
        },
      });
      if (summary.imported + summary.updated > 0) onStored(site, summary.imported + summary.updated);
      return c.json(summary);
    } catch (error) {
      if (error instanceof CsvFileError) {
        throw new HttpError(400, 'bad_request', error.message, error.line ? { line: error.line } : undefined);
      }
      if (error instanceof HttpError && error.status === 413 && committed) {
        // Whole batches before the limit are stored; say so, since re-sending a smaller file is the fix.
        throw new HttpError(
          413,
          error.code,
          `${error.message}; ${committed.imported} rows before the limit were imported`,
          {
            ...(error.details as object),
            imported_before_limit: committed,
          },
        );
      }
      throw error;
    }
  });
}
