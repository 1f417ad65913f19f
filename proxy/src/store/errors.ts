/** The database cannot be reached; the HTTP layer answers 503 with Retry-After. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where an input went wrong: `path` is dotted (`3.text` is the text of the batch's fourth message). */
export interface StoreInputIssue {
  path: string;
  message: string;
}

/** Input the store refuses before touching the database (nothing is written); the HTTP layer answers 400. */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
  constructor(
    message: string,
    readonly issues: StoreInputIssue[] = [],
  ) {
    super(message);
  }
}

/** The database has not been migrated to the schema this code needs (Supabase: run `supabase db push`). */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
}
