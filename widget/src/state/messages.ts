import { effect, signal } from '@preact/signals';
import type { Filters, StoredMessage } from '@sa/shared';
import type { ProxyClient } from '../api/client.ts';

const PAGE_SIZE = 100;

/** The message list for the current filters: first page on every filter change, more pages on scroll. */
export function createMessageList(client: ProxyClient, filters: () => Filters | null) {
  const items = signal<StoredMessage[]>([]);
  const status = signal<'loading' | 'ready' | 'error'>('loading');
  const loadingMore = signal(false);
  const error = signal<unknown>(null);
  const attempt = signal(0);
  let cursor: string | null = null;
  let current: { filters: Filters; controller: AbortController } | null = null;
  let loaded = '';

  const fetchPage = async (f: Filters, controller: AbortController, after: string | null) => {
    const page = await client.messages(f, { cursor: after, limit: PAGE_SIZE }, controller.signal);
    if (controller.signal.aborted) return;
    items.value = after ? [...items.value, ...page.messages] : page.messages;
    cursor = page.next_cursor;
    status.value = 'ready';
  };

  const stop = effect(() => {
    const f = filters();
    if (f === null) return;
    const id = `${attempt.value}:${JSON.stringify(f)}`;
    if (id === loaded) return;
    loaded = id;
    current?.controller.abort();
    const controller = new AbortController();
    current = { filters: f, controller };
    status.value = 'loading';
    loadingMore.value = false;
    fetchPage(f, controller, null).catch((err: unknown) => {
      if (controller.signal.aborted) return;
      loaded = '';
      error.value = err;
      status.value = 'error';
    });
  });

  return {
    items,
    status,
    error,
    loadingMore,
    hasMore: () => cursor !== null,
    loadMore() {
      if (!current || !cursor || loadingMore.value || status.value !== 'ready') return;
      const { filters: f, controller } = current;
      loadingMore.value = true;
      fetchPage(f, controller, cursor)
        .catch(() => {
          // A failed next page leaves the list as it is; scrolling again retries.
        })
        .finally(() => {
          if (!controller.signal.aborted) loadingMore.value = false;
        });
    },
    reload() {
      attempt.value++;
    },
    dispose() {
      stop();
      current?.controller.abort();
    },
  };
}

export type MessageList = ReturnType<typeof createMessageList>;
