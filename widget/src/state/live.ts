import { type Signal, signal } from '@preact/signals';

export type LiveStatus = 'connecting' | 'live' | 'off';

const BACKOFF_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/**
 * Follows `GET /v1/events`. The route is optional for a proxy: when it is missing or keeps failing the
 * dashboard just stops being live (status 'off') and retries slowly, without surfacing an error.
 * `url(fresh)` builds the stream's URL (key and user token ride in it); after a refused connection it is
 * asked with fresh=true, since EventSource does not say whether the token expired.
 */
export function followEvents(
  url: (fresh: boolean) => Promise<string>,
  onChange: () => void,
  status: Signal<LiveStatus> = signal<LiveStatus>('connecting'),
  createSource: (url: string) => EventSource = (u) => new EventSource(u),
) {
  status.value = 'connecting';
  let source: EventSource | null = null;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const connect = async () => {
    if (stopped || typeof EventSource === 'undefined') {
      status.value = 'off';
      return;
    }
    let target: string;
    try {
      target = await url(failures > 0);
    } catch {
      retryLater();
      return;
    }
    if (stopped) return;
    source = createSource(target);
    source.onopen = () => {
      failures = 0;
      status.value = 'live';
    };
    const changed = () => onChange();
    source.onmessage = changed;
    for (const name of ['message.created', 'message.updated', 'message', 'messages', 'created', 'updated']) {
      source.addEventListener(name, changed);
    }
    source.onerror = () => {
      if (source?.readyState !== EventSource.CLOSED) {
        status.value = 'connecting';
        return;
      }
      retryLater();
    };
  };
  const retryLater = () => {
    status.value = 'off';
    const wait = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)] ?? 60_000;
    failures++;
    timer = setTimeout(connect, wait);
  };
  void connect();

  return {
    status,
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
      status.value = 'off';
    },
  };
}
