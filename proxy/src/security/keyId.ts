import { createHash } from 'node:crypto';

/**
 * A site key's public identity: a short SHA-256 prefix, safe for bucket names, logs and metrics, from
 * which the key itself cannot be recovered.
 */
export function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
