import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented webhook secret equals the configured one, in time that does not depend on where they
 * differ or how long the guess is: both sides are hashed to 32 bytes before the constant-time compare.
 */
export function secretMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
