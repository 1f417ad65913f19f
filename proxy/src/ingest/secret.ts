import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks presented webhook secrets against the configured one, in time that does not depend on where they
 * differ or how long the guess is: both sides are hashed to 32 bytes before the constant-time compare. The
 * configured secret is hashed once here, not on every webhook.
 */
export function secretMatcher(expected: string): (presented: string | null | undefined) => boolean {
  const want = sha256(expected);
  return (presented) => typeof presented === 'string' && timingSafeEqual(sha256(presented), want);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
