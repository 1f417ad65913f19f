import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The caller's address: from `header` when a trusted front proxy sets it (anyone else could forge it, so
 * it is only read when configured), else the TCP peer. In-process calls (tests) have neither: `local`.
 */
export function clientIp(c: Context, header: string | null): string {
  if (header) {
    const forwarded = c.req.header(header)?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'local';
}
