import type { ErrorCode } from '@sa/shared';

/** The proxy answered with an error body (`{ error: { code, message } }`) or an unexpected status. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unknown',
    message: string,
    /** Seconds the proxy asked us to wait (Retry-After), if it said. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** The proxy could not be reached at all (offline, DNS, refused, CORS). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(readonly url: string) {
    super(
      `Could not reach the analytics proxy at ${url}. Check your connection and that the proxy is running.`,
    );
  }
}

export type RequestError = ProxyError | NetworkError;

const SIGN_IN: Partial<Record<ErrorCode, { title: string; message: string }>> = {
  sign_in_required: {
    title: 'Sign-in required',
    message: 'This dashboard is private. Sign in to the page that shows it, then retry.',
  },
  token_expired: {
    title: 'Sign-in expired',
    message: 'Your sign-in has expired. Sign in again, then retry.',
  },
  token_invalid: {
    title: 'Sign-in not accepted',
    message: 'The analytics service did not accept your sign-in. Sign in again, then retry.',
  },
  token_wrong_audience: {
    title: 'Sign-in not accepted',
    message: 'Your sign-in is for another service than this dashboard. Sign in again, then retry.',
  },
};

/** For refusals of the user's sign-in (keys with require_sign_in): what to title the view and tell the user. */
export function signInProblem(error: unknown): { title: string; message: string } | null {
  return error instanceof ProxyError && error.code !== 'unknown' ? (SIGN_IN[error.code] ?? null) : null;
}

/** A sentence a support manager can act on, for any error a request can raise. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return 'The analytics service is unreachable. Check your connection.';
  const signIn = signInProblem(error);
  if (signIn) return signIn.message;
  if (error instanceof ProxyError) {
    if (error.code === 'rate_limited') {
      return `Too many requests right now${error.retryAfter ? `; try again in ${error.retryAfter}s` : ''}.`;
    }
    if (error.code === 'store_unavailable') return 'The message store is temporarily unavailable.';
    if (error.code === 'provider_unavailable') return 'The chat assistant is temporarily unavailable.';
    if (error.code === 'unauthorized' || error.code === 'forbidden') {
      return 'This site key is not allowed to use the analytics service.';
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export async function errorFromResponse(res: Response): Promise<ProxyError> {
  const retry = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body?.error?.message) {
      return new ProxyError(
        res.status,
        (body.error.code as ErrorCode) ?? 'unknown',
        body.error.message,
        retryAfter,
      );
    }
  } catch {
    // A non-JSON error page (e.g. from a reverse proxy): fall through to the status line.
  }
  return new ProxyError(
    res.status,
    'unknown',
    `The proxy answered ${res.status} ${res.statusText}`.trim(),
    retryAfter,
  );
}
