import type { ApiError, ErrorCode } from '@sa/shared';
import type { z } from 'zod';

/** An error with the HTTP status and ErrorCode it answers with; `details` go to the client as they are. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface IssueDetail {
  path: string;
  message: string;
}

/**
 * Zod issues as `{ path, message }` pairs, paths dotted (`filters.to`, `3.text`) so a person can find
 * them; an unknown key becomes its own entry at its own path.
 */
export function issueDetails(error: z.ZodError, prefix: (string | number)[] = []): IssueDetail[] {
  const dotted = (path: PropertyKey[]) => [...prefix, ...path].map(String).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: 'unknown field' }))
      : [{ path: dotted(issue.path), message: issue.message }],
  );
}

/** A 400 from a failed zod parse; the message names the first problem so logs and toasts are useful alone. */
export function validationError(
  error: z.ZodError,
  what: string,
  code: ErrorCode = 'bad_request',
  prefix: (string | number)[] = [],
): HttpError {
  const details = issueDetails(error, prefix);
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new HttpError(400, code, `invalid ${what}: ${summary}${more}`, details);
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ApiError {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
