import type { ClassifyReply } from '../messages.ts';

/**
 * Waits before each retry of a failed classification: the offscreen document may still be starting, the
 * model still loading, or the service worker just restarted. Doubling waits give those seconds without
 * hammering a classifier that is really broken; after the last one the tag says so and offers a retry.
 */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

export interface RetryHooks {
  sleep(ms: number): Promise<void>;
  /** Before each wait: which retry this will be (1-based), how long until it, and why the last try failed. */
  onRetry(retry: number, delayMs: number, error: string): void;
}

/** Calls `attempt` until it answers ok or the delays run out; the last failure is returned, never thrown. */
export async function classifyWithRetry(
  attempt: () => Promise<ClassifyReply>,
  hooks: RetryHooks,
  delays: readonly number[] = RETRY_DELAYS_MS,
): Promise<ClassifyReply> {
  const once = () =>
    attempt().catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
    }));
  let reply = await once();
  for (let i = 0; !reply.ok && i < delays.length; i++) {
    const delay = delays[i] as number;
    hooks.onRetry(i + 1, delay, reply.error);
    await hooks.sleep(delay);
    reply = await once();
  }
  return reply;
}
