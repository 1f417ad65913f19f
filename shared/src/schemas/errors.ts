import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'invalid_query',
  'unauthorized',
  // Admin routes: the admin token (Authorization: Bearer) is missing or wrong.
  'admin_token_required',
  'admin_token_invalid',
  // Sign-in for private dashboards: no user token, or one that cannot be accepted, and why.
  'sign_in_required',
  'token_expired',
  'token_invalid',
  'token_wrong_audience',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'store_unavailable',
  'provider_unavailable',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Every error the proxy returns: `{ error: { code, message, details? } }` (interfaces.md). */
export const ApiError = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiError>;
