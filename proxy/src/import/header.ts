import { LABEL_COLUMNS, REQUIRED_COLUMNS } from './columns.ts';
import { CsvFileError } from './errors.ts';

type KnownColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof LABEL_COLUMNS)[number];

/** Where each known column sits in a row; unknown columns are ignored. */
export type ColumnIndex = Partial<Record<KnownColumn, number>> &
  Record<(typeof REQUIRED_COLUMNS)[number], number>;

const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...LABEL_COLUMNS];
const OTHER_DELIMITERS = [';', '\t', '|'] as const;

/**
 * Reads the header row: names are matched without regard to case or
 * surrounding spaces, in any order. Throws CsvFileError naming what is wrong.
 */
export function readHeader(fields: readonly string[]): ColumnIndex {
  const names = fields.map((f) => f.trim().toLowerCase());
  if (names.some((n) => n.includes('\uFFFD'))) {
    throw new CsvFileError('the header is not valid UTF-8: save the file as UTF-8 (with or without BOM)', 1);
  }
  if (names.length === 1) {
    const delimiter = OTHER_DELIMITERS.find((d) => (names[0] ?? '').includes(d));
    if (delimiter) {
      const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
      throw new CsvFileError(
        `the header is separated by ${shown}, not commas: save the file as comma-separated CSV`,
        1,
      );
    }
  }
  const index: Partial<Record<KnownColumn, number>> = {};
  names.forEach((name, i) => {
    if (!KNOWN.includes(name)) return;
    if (index[name as KnownColumn] !== undefined)
      throw new CsvFileError(`the header names column "${name}" twice`, 1);
    index[name as KnownColumn] = i;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    throw new CsvFileError(
      `the header is missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected ${REQUIRED_COLUMNS.join(',')}; got ${names.join(',')})`,
      1,
    );
  }
  return index as ColumnIndex;
}
