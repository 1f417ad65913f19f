/**
 * The file as a whole cannot be imported (empty, unusable header, wrong
 * encoding or delimiter). Nothing is written when this is thrown before the
 * first batch; the message says what to change in the file.
 */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
  constructor(
    message: string,
    /** 1-based physical line the problem is on, when there is one. */
    readonly line?: number,
  ) {
    super(message);
  }
}
