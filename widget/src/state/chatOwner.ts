/** The claims of a JWT (Supabase) or an `sa1.` session token: both carry base64url JSON as their second part. */
function claims(token: string): { iss?: unknown; sub?: unknown } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json === 'object' && json !== null ? json : null;
  } catch {
    return null;
  }
}

/** FNV-1a: a short, stable storage-key part that keeps user ids (and opaque tokens) out of the key itself. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Where a conversation is kept in the browser: per site, and per signed-in user when there is a token, so one
 * manager's conversation never shows up for another user of the same browser. The user is the token's issuer and
 * `sub`, read without verifying the signature: it only partitions this browser's storage (the proxy verifies the
 * token on every request), and a refreshed token of the same user keeps the conversation. A token without
 * readable claims stands for itself, hashed, so it is never written into the key.
 */
export function chatStorageKey(siteKey: string, token: string | null): string {
  const base = `sa:chat:${siteKey}`;
  if (!token) return base;
  const c = claims(token);
  const user = typeof c?.sub === 'string' && c.sub ? `${String(c.iss ?? '')}|${c.sub}` : `token|${token}`;
  return `${base}:${hash(user)}`;
}
